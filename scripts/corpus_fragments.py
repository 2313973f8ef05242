"""Hand-written fragments that scripts/make_corpus.py composes into the seed corpus.

Each theme block is a list of lines: ``GROUP SENT text [+extra_theme ...]``.
GROUP says who could have written the sentence (lived = a family carer about a relative,
self = a person who uses services, staff = paid frontline worker, lead = manager / commissioner /
researcher, org = an organisation's own account, news = a headline, public = anyone else).
SENT is ``-`` negative, ``0`` neutral, ``+`` positive. Slots in braces are filled by the generator.
"""

THEMES = {
    "workforce": """
staff - We are down four carers on the rota and the agency can't find anyone, so I'm on again tonight.
staff - Fourteen calls today, fifteen minutes each, no travel time paid. Then they wonder why nobody stays. [+home_care]
staff - Got my payslip. {wage} an hour after eight years in care. Tesco pays more for stacking shelves.
staff - Half our team are on sponsorship visas and the new rules mean we lose three of them by spring.
staff - Night shift again with one other worker for {n} residents. It isn't safe and everyone knows it.
staff - Asked for mileage to be paid properly and was told to be grateful I have hours at all.
staff 0 Does anyone know if sleep-in shifts count towards the minimum wage now? Our manager says no.
staff 0 Thinking of moving from domiciliary to a care home job, what's the pay like where you are?
staff + New manager actually listened and we finally get paid for travel time between calls. Small win but it matters.
staff + Just passed my level 3 and the company paid for it. Proud of myself today.
staff + Best part of the job is the people. Mrs {surname} taught me to make proper scones on my break.
lead - Vacancy rate in our homes is at {pct}% and agency spend has tripled. This is not sustainable.
lead - We lost {n} experienced staff this quarter, most to the NHS and retail, because we can't match the pay.
lead 0 Recruitment open day on {day}: we need support workers, seniors and a deputy manager.
lead + Our retention has improved since we moved everyone onto guaranteed hours contracts.
org 0 We are recruiting care and support workers across {town}. Full training, paid DBS, flexible shifts.
org + Proud to announce every one of our care staff will now be paid at least the Real Living Wage.
org - Our latest survey of {n}00 care workers found one in three skipping meals to get by.
news - Care sector vacancies top {n}00,000 as overseas recruitment slumps
news - Care workers 'quitting in droves' over pay, union warns
news - Visa crackdown leaves care homes unable to fill night shifts
news 0 Government publishes new figures on adult social care workforce
news + Care workers in {town} to get pay rise under new council deal
public - If you think care work is unskilled, try doing a fifteen-minute call for someone with advanced dementia. [+home_care]
public - Clapped for carers in 2020 and still paying them minimum wage. Shameful.
public + Shout out to the care worker who sat with my neighbour until the ambulance came. Unsung heroes.
lived - The carers who come to {R} change every week. {He} never knows who is walking through the door.
lived + {R}'s regular carer has been with {him} two years now and honestly she's part of the family.
self - Third new face this week to help me shower. I'm tired of explaining my body to strangers.
self + My PA has stuck with me for four years. She knows when I'm having a bad day before I do. [+personalisation]
""",
    "funding": """
lived - The council have reassessed {R} and cut {his} hours from {n}4 to {n} a week to 'save money'.
lived - CHC assessment came back: not eligible. {He} can't walk, feed {him}self or speak, but apparently that's not a health need.
lived - We've been told {R}'s care home fees are going up by {money} a week. That's our savings gone by summer. [+care_homes]
lived - Selling {R}'s house to pay for {his} care. Forty years of work and it all goes in three.
lived - The financial assessment says {he} has to contribute {money} a week out of a pension that's barely {money}.
lived 0 Can anyone explain how the means test works if {R} owns half the house with me?
lived 0 Waiting on the CHC checklist outcome for {R}. Does anyone know how long the full assessment usually takes?
lived + After a year of fighting we won the CHC appeal and {R}'s fees will be covered from now on.
lived + The council agreed to fund the extra night support. Didn't think it would happen. Relieved.
self - My personal budget has been cut again and nobody can tell me which needs I'm meant to stop having. [+personalisation]
self - The council want to charge me for my day centre now. It's the only place I see anyone.
self 0 Has anyone had their care contributions recalculated after the benefit uprating?
lead - Our adult social care budget is overspent by {money}m and we have no reserves left to draw on.
lead - The fee uplift we've been offered doesn't cover the rise in the National Living Wage, let alone NI.
lead 0 Council budget setting starts next month. Adult social care is {pct}% of everything we spend.
lead + Pleased the local authority agreed a fair cost of care rate for the next two years.
org - {Council} faces a {money}m gap and warns that adult social care services will have to be reduced.
org 0 {Council} is consulting on changes to its adult social care charging policy until {day}.
org + {Council} will invest an extra {money}m in adult social care this year, protecting front-line services.
news - Councils warn of 'bankruptcy' as social care costs soar
news - Care home providers say fees paid by councils fail to cover cost of care [+care_homes]
news - Families forced to sell homes to pay for care, figures show
news 0 Council tax could rise by 5% to pay for adult social care
news + Extra {money}m for social care announced in budget
public - Funny how there's always money for tax cuts but never for the people who need help to get out of bed.
public - Every year the same story: social care underfunded, councils skint, families pick up the bill.
staff - We've been told no overtime because the contract with the council doesn't cover it. The calls still need doing. [+home_care]
""",
    "unpaid_carers": """
lived - I haven't had a full night's sleep since {R} came home from hospital. I love {him} but I'm running on empty.
lived - Carer's assessment was a tick-box exercise. Forty minutes on the phone and the outcome is a leaflet.
lived - Respite has been cancelled again because there are no beds. I was counting down the days.
lived - Gave up my job to look after {R}. Nobody tells you how lonely caring is.
lived - Juggling work, the kids and {R}'s appointments. I cried in the car park at Tesco today.
lived - My brothers visit once a month and tell me what I'm doing wrong. I do this every single day.
lived 0 Does anyone know if I can get a carer's assessment if I don't live with {R}?
lived 0 Looking for a carers' support group in {town}, ideally one that meets in the evening.
lived + Got a week of respite booked for {R} and I'm actually going to the seaside. First time in three years.
lived + The carers' centre in {town} has been a lifeline. Someone finally asked how I was doing.
lived + Had a proper laugh with {R} today like the old days. Caring is hard but days like this matter.
self - I hate that my daughter has become my carer. She should be living her own life.
self + My son helps me with my tablets and shopping and never complains. I'm lucky.
lead 0 Our new research looks at how unpaid carers balance paid work and caring.
lead - We estimate unpaid carers in our area save the local system {money}m a year and get almost nothing back.
org 0 It's Carers Week: drop in to our {town} hub on {day} for advice on carer's assessments and breaks.
org + Our young carers project has just helped {n}0 young people go on their first ever residential trip.
org - Our survey shows {pct}% of unpaid carers have had no time off from caring at all in the past twelve months.
news - Unpaid carers 'at breaking point', charity warns
news - Young carers missing school to look after parents, report finds
news 0 Census shows {n} million people provide unpaid care in England and Wales
news + New law gives unpaid carers right to a week of carer's leave
public - We rely on unpaid carers to hold the whole thing together and then act surprised when they collapse.
public + Anyone caring for a family member: you're doing more than anyone sees. Be kind to yourself.
staff - Some of the families I visit are more exhausted than the people I'm there to support. [+home_care]
""",
    "safeguarding": """
lived - Found {R} sitting in a wet pad at four in the afternoon. Nobody had been in since breakfast.
lived - {R} has a bruise on {his} arm nobody can explain and the home just said {he} bruises easily. [+care_homes]
lived - {R} missed {his} Parkinson's meds three times this week because the carers arrived late. [+home_care]
lived - My {rel} has been left in the care home for three weeks without a shower. [+care_homes]
lived - The DoLS authorisation ran out months ago and nobody at the home seems to have noticed. [+care_homes]
lived - Raised a safeguarding concern about {R}'s care two months ago and haven't heard a thing back.
lived - How do I raise a safeguarding concern with the council? I'm worried about how {R} is being treated.
lived + The safeguarding team took it seriously, visited within a day and {R} is safe now. Thank you.
self - A carer shouted at me when I asked to go to the toilet again. I'm scared to ask now.
self - Nobody checked on me all weekend. I couldn't reach my tablets and just lay there.
staff - Reported a colleague for rough handling and I'm the one who got moved to another house. [+culture]
staff - Medication errors on every shift this month because we're rushing. Someone will get hurt.
staff 0 Quick question for nurses: who signs off a best interests decision when the DoLS is being renewed?
staff + Our safeguarding lead is brilliant. Raised a concern and it was dealt with properly the same day.
lead - Three serious incidents in a fortnight, all linked to missed medication. We're reviewing everything.
lead 0 Safeguarding adults board annual report out today, with learning from {n} reviews.
org - We have referred concerns about a care provider in {town} to the local safeguarding team.
org - Our helpline heard from {n}00 families last year worried about neglect in care.
news - Care home resident died after staff failed to act on warning signs, inquest hears [+care_homes]
news - Woman with dementia left on floor for hours, safeguarding review finds [+dementia]
news - Care worker jailed for stealing from elderly clients
news - Safeguarding review into death of man at supported living service published
news - Police investigate abuse claims at {town} care home [+care_homes]
public - Every few months another story about someone left to die on a care home floor. When does it stop? [+care_homes]
public - Restraint is not care. How is it still happening in 2026?
""",
    "culture": """
staff - Whistleblew about bullying on my unit and I've been frozen out ever since. Nobody will look me in the eye.
staff - Management only care about the paperwork looking right before the CQC visit. Real care comes second. [+regulation]
staff - Told to 'keep it in house' after a resident fell. That's how closed cultures start. [+care_homes]
staff - The new area manager speaks to seniors like dirt. Three of us have handed in notice.
staff - Has anyone used Freedom to Speak Up in social care? Is it confidential or will they find out?
staff + For the first time our manager asked us what would make the shifts better and actually did it.
staff + Our registered manager works the floor with us on bad days. That's leadership.
lead - I've seen leaders punish people for raising concerns. We have to be better than that.
lead + We changed our culture by listening to night staff first. Incidents have halved.
lead 0 Writing a piece on psychological safety in care teams. What has worked for you?
lived - Every time I raise a concern about {R}'s care the staff get defensive and the manager goes quiet.
lived - The home has a 'wall of silence'. Nobody will tell us what happened on the night {R} fell. [+care_homes]
lived + The manager rang me to apologise and explain what went wrong. That honesty meant a lot.
org 0 We have launched an independent review of culture and leadership across our services.
news - Whistleblowers describe 'toxic culture' at care provider
news - Staff who raised concerns at care home were bullied, report finds [+care_homes]
news 0 Inquiry to examine closed cultures in services for disabled people [+learning_disability_autism]
public - Cover-ups in care happen because people at the top protect each other.
""",
    "hospital_discharge": """
lived - {R} has been medically fit for discharge for {n} weeks but there's no care package, so {he}'s stuck on a ward. [+home_care]
lived - They discharged {R} at 11pm with no carers arranged and no meds. {He} was back in A&E by Friday.
lived - Hospital are pushing for a care home placement and we're being given 48 hours to choose. [+care_homes]
lived - The discharge team keep calling it a 'safe discharge'. Nothing about it was safe.
lived 0 What happens with discharge to assess? The ward says {R} will be assessed at home.
lived + The reablement team were amazing after {R}'s discharge. {He}'s walking to the shop again.
self - Sent home from hospital with a bag of tablets and no one to help me up the stairs.
self + Came home from hospital on Friday and the reablement carers were there within the hour.
staff - Our ward has {n} patients who are ready to go home and nowhere for them to go.
staff 0 Discharge coordinator here: the fastest route right now is a bridging package while the council sorts long term care. [+home_care]
lead - Delayed discharges are costing us beds every single day and A&E backs up behind them.
lead + Our virtual ward and discharge hub have cut delays by a third since September.
org + The NHS trust and {Council} are opening a joint discharge hub to speed up support at home. [+home_care]
news - Thousands of patients stuck in hospital because social care is not available
news - Bed blocking crisis: {n},000 patients fit to leave hospital each day
news + Hospital discharge delays fall for third month in a row
news 0 NHS England publishes new discharge guidance for winter
public - The NHS can't fix itself while social care is falling apart. Beds are full of people with nowhere to go.
""",
    "home_care": """
lived - The carers are booked for 7.30am and turned up at 11 again. {R} had been sat in the dark waiting.
lived - {R}'s care package has been 'under review' for months and nobody will say what's happening.
lived - Missed visit last night. {R} went to bed without tea or tablets and I only found out this morning.
lived - They want to cut {R}'s lunchtime call to fifteen minutes. You can't make a meal and help someone eat in fifteen minutes. [+funding]
lived 0 How do you find a good home care agency in {town}? The list from the council is out of date.
lived + Finally found an agency where the same two carers come every day. {R} is so much more settled.
lived + The morning carer put {R}'s favourite radio station on and sang along. {He} hasn't smiled like that in months.
self - Carers came at 8pm to put me to bed. I'm 42. I don't want to go to bed at 8pm.
self - No shower this week because the agency didn't have anyone for my morning call.
self + My home care team are brilliant. They make sure I can still do things my way.
staff - My rota has me in two places at once again. Someone's getting a late call and it's not my fault.
staff - Domiciliary care means spending half your day in the car unpaid.
staff + Love my round. I've been seeing the same clients for years and they're like grandparents to me.
staff 0 Anyone else's agency switching to electronic call monitoring? How does it work with rural routes?
lead - We've handed back the contract for the rural patch; the rate doesn't cover the mileage. [+funding]
lead 0 We are piloting outcome-based commissioning for home care across two districts.
org + Our home care service has been rated Good and we're taking on new clients across {town}. [+regulation]
org 0 We are reviewing home care rounds in the north of the county to reduce travel time.
news - Home care agencies hand back council contracts as costs rise [+funding]
news - Thousands waiting for home care packages, figures reveal
news - Survey finds most home care visits last under 30 minutes
public - Fifteen-minute care calls are a disgrace. You wouldn't accept it for your own parent.
""",
    "care_homes": """
lived - Visited {R} in the home today and {he} was still in yesterday's clothes. Third time this month.
lived - The home are giving {R} 28 days notice because {his} needs have 'increased'. Where is {he} supposed to go?
lived - {R}'s nursing home is closing and we've been given a month to find somewhere else.
lived - We pay top-up fees on top of what the council pays and the food is still awful. [+funding]
lived 0 Looking at care homes in {town} for {R}. What should I ask when we visit?
lived 0 Does anyone know the rules on visiting if there's a norovirus outbreak?
lived + The staff at {R}'s home threw {him} a birthday party with a cake and a singer. {He} was beaming.
lived + Moving {R} into the care home was the hardest decision but {he}'s eating, sleeping and chatting again.
self - I didn't choose to live in a care home. Nobody asked me what I wanted.
self + My room looks out over the garden and the staff let me keep my cat. I'm happy here.
staff - Agency nurse again tonight who doesn't know the residents. That's how mistakes happen. [+workforce]
staff + Residents' choir performed at the summer fair today. Not a dry eye in the place.
lead - Occupancy is down and costs are up. We may have to close one of our smaller homes. [+funding]
lead 0 Care homes in our region are running at about {pct}% occupancy this winter.
org 0 Visiting at our homes is open seven days a week; please sign in at reception.
org + We're delighted to welcome residents to our newly refurbished home in {town}.
news - Care home closures leave families scrambling for beds
news - Care home chain in financial trouble as fees fail to cover costs [+funding]
news + {town} care home praised for 'outstanding' dementia care [+dementia]
news + New care home with 60 beds approved for {town}
public - Care homes are run for the shareholders, not the residents.
""",
    "learning_disability_autism": """
lived - My autistic son has been in an ATU for three years, {n}0 miles from home. We're allowed to visit twice a month.
lived - {R} is autistic and has been waiting {n} years for an assessment. {He}'s falling apart.
lived - The supported living provider keep changing staff and my daughter, who has a learning disability, is self-harming again.
lived - They restrained my son four times last week. He's twenty and autistic, not a criminal. [+safeguarding]
lived 0 Does anyone have experience of Transforming Care reviews for someone in an inpatient unit?
lived + My daughter moved into her own flat in supported living and she's thriving. She has a job two days a week.
lived + After eight years in hospital my brother is finally home, in his own place with a team who get him.
self - I'm autistic and the day centre is too loud. I told them and they said there's nowhere else.
self + I have a learning disability and I live in my own flat. I do my own shopping now. I am proud.
staff + Supported one of the lads I work with to go to his first football match. He talked about it for days.
staff - Our supported living service is so short staffed that people with learning disabilities are stuck indoors all weekend.
lead - Too many autistic people and people with learning disabilities are still in inpatient units with no discharge date.
lead 0 New guidance on reasonable adjustments for people with a learning disability in hospital.
org + Our self-advocacy group met the minister today to talk about getting people out of ATUs. [+reform]
org 0 Easy read version of our annual report is now available.
news - Autistic teenager held in hospital unit for two years, family says
news - Adults with learning disabilities 'dying years earlier', LeDeR review shows
news 0 Government to publish plan for moving people out of inpatient units
news + Learning disability charity opens new supported living homes in {town}
public - Locking autistic people in hospital miles from their families is a scandal that's gone on for decades.
""",
    "mental_health": """
lived - {R} was sectioned again and the nearest bed was in another county. We can't afford to visit.
lived - Rang the crisis line for {R} three times and nobody picked up. {He} ended up in A&E for twelve hours.
lived - The community mental health team discharged {R} with no plan. Two weeks later {he} was in crisis again.
lived 0 Can anyone explain what an aftercare section 117 package covers? {R} is being discharged next month. [+hospital_discharge]
lived + The crisis team came out the same night and stayed with {R} until {he} was calm. Can't thank them enough.
self - On a waiting list for therapy for eighteen months. I've been told to 'keep myself safe' in the meantime.
self - Detained under the Mental Health Act and nobody explained my rights until day four.
self + My care coordinator has been consistent for a year now. First time I've felt someone knows my story.
self 0 Anyone been through a Care Act assessment for mental health support? What should I expect?
staff - Another shift on the acute ward with no beds and three people waiting in A&E.
staff + Our crisis cafe had its busiest month and people keep telling us it kept them out of hospital.
lead - Out of area mental health placements are up again. It's the worst outcome for patients and families.
lead 0 We're redesigning community mental health services with people who use them. [+community_models]
org 0 Our crisis safe haven in {town} is open 6pm to midnight every day. No referral needed.
news - Mental health patients sent hundreds of miles for a bed
news 0 Mental Health Act reform bill returns to Parliament [+reform]
news + New mental health crisis centre opens in {town}
public - Mental health services are so stretched you have to be in crisis to get any help at all.
""",
    "dementia": """
lived - {R} has dementia and the memory clinic waiting list is eleven months. By then {he} won't remember why {he}'s there.
lived - {R} didn't recognise me today. I knew it would come but nothing prepares you.
lived - {R} keeps trying to leave the house at night to go to a job {he} retired from in 1988. I'm exhausted.
lived 0 Anyone got tips for getting someone with dementia to accept help with washing?
lived - {R} has just been diagnosed with vascular dementia. Where do we even start?
lived + Took {R} to a dementia-friendly cinema screening. {He} sang along to every song.
lived + The memory cafe in {town} has given us our Saturdays back. {R} loves the music.
self - I was diagnosed with Alzheimer's last year and people now talk to my wife instead of me.
self + Living with dementia doesn't mean my life is over. Still walking, still painting, still me.
staff + Spent my break doing a jigsaw with a lady with dementia who used to be a seamstress. Favourite part of the day.
staff - We don't have enough staff to do proper dementia care. People are left sitting in the lounge all day. [+workforce]
lead - Dementia diagnosis rates in our area remain below the national ambition of two thirds.
org + We're proud that {town} is now a Dementia Friendly Community.
org 0 Our dementia adviser service is free and available by phone Monday to Friday.
news - Dementia patients waiting over a year for diagnosis
news + New dementia hub opens in {town} to support families
news 0 Study links hearing loss to dementia risk
public - My neighbour with dementia wanders the street every evening and there's no one to ring. The system has given up on him.
""",
    "personalisation": """
self - My direct payment hasn't been paid for two months, so I can't pay my PA. The council just say it's 'in process'.
self - Being told to use an agency instead of a PA even though my direct payment should give me choice.
self + Using my personal budget to pay for a gym membership and a PA who comes swimming with me. Best decision I made.
self + Choosing my own PAs changed my life. I get up when I want and go where I want.
self 0 How do you find a PA? I've had a direct payment approved but no idea where to advertise.
lived - Managing {R}'s direct payment is a full-time job: payroll, pensions, timesheets. Nobody warned us.
lived - The council audited {R}'s direct payment and clawed back money we'd saved for a holiday {he} needed.
lived + With a personal budget {R} goes to the allotment with {his} PA instead of a day centre {he} hated.
lived 0 Does anyone know if a direct payment can pay a family member as a PA?
staff + I'm a PA and I love it. One employer, real relationship, and I'm paid properly.
staff - PA work has no sick pay and no cover. If my employer goes into hospital I lose my income.
lead + Person-centred planning works when we stop asking what service fits and start asking what a good life looks like.
lead - Direct payment uptake has fallen because the rates won't buy a PA in this market. [+funding]
org 0 Our direct payments support service can help you recruit, employ and pay a personal assistant.
org + We've co-designed a new personal budget process with disabled people. Fewer forms, more choice. [+community_models]
news - Disabled people 'losing control' as direct payments cut back [+funding]
news 0 Council reviews direct payment rates for personal assistants [+funding]
public - Choice and control only works if the money is enough to buy anything.
""",
    "community_models": """
lived + {R} lives with a Shared Lives carer and has a family again. Best thing that's happened to {him}.
lived + The community microenterprise that helps {R} is run by a woman from our village. {He} adores her.
lived 0 Has anyone used Shared Lives for short breaks? Thinking about it for {R}.
self + Local area coordinator helped me join the allotment group. I know people on my street now.
self + Being part of the co-production group means my lived experience actually shapes decisions.
self - The community hub I relied on has closed because the grant ran out. [+funding]
staff + Community-led support sessions in the library mean people get help the same day, not in six weeks.
lead + Co-production isn't a consultation at the end. Our lived experience leaders sit on the commissioning board.
lead + Our community micro-providers now support {n}0 people, all with local, flexible help.
lead - Community groups are doing the heavy lifting and getting small grants that end after a year. [+funding]
lead 0 Evaluating our local area coordination programme: the first results are due in spring.
org + Shared Lives carers in {town} are opening their homes to people who need support. Could you be one?
org 0 Join our community-led support 'talking point' every Thursday at the {town} library.
org + Our lived experience advisory panel has co-produced the new carers' strategy. [+unpaid_carers]
news + Shared Lives scheme celebrates {n}0 years of matching people with families
news + Council to expand community-led support model across the county
news - Funding cut threatens village care cooperative [+funding]
public + Best care I've ever seen is small, local, and run by people who know each other.
""",
    "regulation": """
lived - The home was rated Good by the CQC two years ago. Nobody has inspected it since and it's gone downhill fast. [+care_homes]
lived - Complained to the ombudsman about {R}'s care. Eleven months later we're still waiting.
lived - How do I report concerns about a care home to CQC? Do they tell the home who complained? [+care_homes]
lived + The ombudsman upheld our complaint and the council has to repay {R}'s fees. Vindicated.
staff - CQC are coming next week so suddenly we've got enough staff and new cushions. Funny that.
staff + Inspection went well today. Inspector spent time with the residents and saw what we actually do.
lead - We haven't had an inspection in four years and our rating still says Requires Improvement.
lead 0 CQC's new single assessment framework: has anyone been through it yet? What was the evidence ask?
lead + Proud of the team: CQC rated us Outstanding for caring.
org + We're delighted that CQC has rated our service Good in every area.
org 0 Our response to the CQC consultation on assessing local authorities is published today.
org - CQC has issued a warning notice to a provider in {town} after finding unsafe care. [+safeguarding]
news - Care regulator 'failing to inspect' thousands of services
news - Care home rated inadequate and placed in special measures [+care_homes]
news 0 CQC begins assessing councils' adult social care duties
news + Local authority rated 'good' by CQC in first assessment of adult social care
public - What's the point of a regulator that turns up once every five years?
""",
    "benefits": """
lived - Carer's Allowance overpayment letter says I owe {money}. I earned {money} over the limit for a few weeks. I'm terrified.
lived - {R}'s PIP was stopped after a twenty minute phone assessment. The report is full of things {he} never said.
lived - Carer's Allowance is {money} a week for 35 hours. That's about two pounds an hour.
lived 0 Does anyone know if I can claim Carer's Allowance while studying part time?
lived + Won {R}'s PIP tribunal. Backdated and everything. Thank you to everyone on here who helped with the forms.
self - PIP reassessment again. I have a lifelong condition. Why do I have to prove it every two years?
self - Universal Credit sanctioned me for missing an appointment while I was in hospital.
self + Got my PIP award letter and they've finally put me on the enhanced rate. I can actually afford my taxis now.
self 0 What counts as 'reliably' for the PIP descriptors? Filling in the form now.
staff - Half my clients are scared of losing PIP. It's making people more unwell.
lead - The benefits system treats disabled people and carers as suspects.
org - Our advice line is hearing from carers chased for Carer's Allowance overpayments they never knew about.
org 0 Free benefits check for carers at our {town} centre every Tuesday.
org + We helped carers claim {money} in unclaimed benefits last year.
news - Carers ordered to repay thousands in Carer's Allowance overpayments
news - PIP changes could hit a million disabled people
news 0 Review launched into Carer's Allowance overpayments
news + Carer's Allowance earnings limit to rise
public - Carer's Allowance is an insult. People save the state billions and get less than jobseekers.
""",
    "reform": """
lead - Another commission on social care, another report on a shelf. We need action, not a review.
lead - Reading the new White Paper today. Some good ideas but it's light on money.
lead + Finally a national care service plan with real milestones. Cautiously optimistic.
lead - The cap on care costs has been delayed again. Families were promised this years ago.
lived - Every government promises to fix social care and every government kicks it into the long grass.
lived 0 Does anyone understand what the new social care commission will actually do for families like ours?
self - Disabled people were promised reform and got a consultation. Again.
staff 0 Will the fair pay agreement actually cover home care workers on zero hours? [+workforce]
staff + If the fair pay agreement goes through it could be the first real raise I've had in years. [+workforce]
org 0 Our response to the government's plans for a National Care Service is published today.
org - We are disappointed the Budget failed to set out any plan for social care reform.
org + We welcome the government's commitment to legislate for a fair pay agreement for care workers. [+workforce]
news 0 Minister sets out timeline for social care commission
news - Social care reform 'kicked into the long grass' again
news + Government announces plan for national care service
news 0 Care Act changes to be debated in Parliament
public - Thirty years of green papers, white papers and commissions. Still no fix.
public + Good to see the commission talking to carers and not just providers.
""",
}

OFF_TOPIC = """
other + New skincare routine is finally working. Three weeks in and my skin has never looked better.
other - This moisturiser broke me out in spots. Skincare influencers have a lot to answer for.
other 0 Anyone got a recommendation for a sunscreen that doesn't leave a white cast?
other - Forty minutes on hold to customer care and they hung up on me. Never using this airline again.
other + Shout out to the customer care team at the bank, sorted my card in five minutes.
organisation 0 Our customer care team are available 8am to 8pm, Monday to Saturday.
organisation + Thanks for your patience! Our customer care team will be in touch within 24 hours.
other - Honestly couldn't care less who wins the election at this point.
other 0 Couldn't care less about the royal wedding tbh, is anything else on telly?
other + Take care everyone, see you all after the holidays!
other 0 Heading off now, take care and speak soon.
other + Lovely evening with the girls. Take care of each other x
other - Handle with care they said. Parcel arrived smashed to pieces.
other + Car care Sunday: washed, waxed and looking like new.
other 0 Which lawn care products actually work on moss?
other - The vet bills for pet care are getting out of hand.
other + Our dog loved the doggy day care. Came home exhausted and happy.
other - Childcare costs more than my mortgage. How does anyone afford nursery?
other 0 Anyone know if the tax free childcare account covers holiday clubs?
other + Sent a care package to my daughter at uni with biscuits and a hot water bottle.
other + Self-care Sunday: bath, book, early night. Bliss.
other - I tried to care about the Champions League but my team went out in the group stage.
other + Care Bears marathon with the little one. Living my best life.
other 0 Careers fair at the college on Thursday, loads of employers coming.
other - Careless driver nearly took my wing mirror off on the A road this morning.
other - Hair care products cost a fortune and none of them work on curly hair.
other + Thanks so much for the birthday messages, I really do care about you all.
other - Train cancelled again. Third time this week. I give up.
other + What a goal! Absolute scenes at the ground tonight.
other - Rain all weekend and the boiler's packed in. Brilliant.
other + Finished my first half marathon! Legs are jelly but so happy.
other 0 Does anyone know what time the tip opens on Sundays?
other - Broadband down again. Been on the phone for an hour.
other + Best fish and chips I've had in years at the seafront today.
other 0 Thinking about switching energy supplier, any recommendations?
other - Landlord still hasn't fixed the damp. Six months now.
other + Garden is finally coming together. Tomatoes are ripening.
other 0 Off to the dentist, wish me luck.
other - My phone screen cracked on day two. Gutted.
other + Passed my driving test first time!!
other - Who decided self-checkout should shout at you every five seconds?
other 0 Roadworks on the high street until March apparently.
media 0 Football: late penalty gives visitors a draw
media - Energy bills to rise again in January, regulator confirms
media + Local bakery wins national award for best sourdough
media 0 Weather warning for heavy rain across the south west
media - Motorway closed after lorry crash causes long delays
media + Record crowds at the city's Christmas market
media 0 Premier League fixtures announced for the new season
organisation + We're thrilled to launch our new spring menu in all our cafes!
organisation 0 Our stores will close at 4pm on Christmas Eve.
organisation - We're sorry that some customers have experienced delays with deliveries this week.
other - Intensive care unit in the new hospital drama is so unrealistic it's painful to watch.
other + The new series of that vet programme is lovely, all about taking care of animals.
other - My skincare order arrived with half the items missing. Customer care useless.
other 0 Is it worth getting a skincare fridge or is that a gimmick?
other + Bought my mum a spa day for her birthday. She deserves some pampering.
other - I genuinely don't care what celebrities eat for breakfast. Why is this news?
other 0 Who cares about the transfer window, it's all rumours anyway.
other + Grateful for friends who check in when you're quiet. Take care of yourselves.
organisation 0 Please take care on the roads this morning, there is black ice on the bridges.
media 0 Police urge drivers to take extra care in icy conditions
other - Absolutely furious, the delivery driver left my parcel in the bin.
other + Lovely walk along the canal this morning, saw a kingfisher.
other - Nobody tells you how expensive it is to own a cat. Worth it though, mostly.
other 0 Can anyone recommend a good plumber in the area?
other - Why is everything so expensive now? Forty quid for a basic shop.
other + Got the job!!! Start in January. Still can't believe it.
other - This heatwave is unbearable, can't sleep at all.
other 0 Does anyone know if the library is open on bank holidays?
other + Absolutely love this little coffee shop, staff are so friendly.
other - Gym was packed again, waited twenty minutes for a bench.
other 0 Hair appointment at 3, then picking the kids up.
other + Kids made me breakfast in bed. Burnt toast never tasted so good.
media - Airport queues stretch for hours as staff strike begins
media + Town centre regeneration brings hundreds of new jobs
media 0 Council confirms bin collection changes from April
other - The new update ruined the app, nothing works anymore.
other + My nan turned 90 today and danced all night. Legend.
other 0 Customer care number for the council tax office anyone?
other - Tried the new burger place. Cold chips, rude staff, never again.
other + Sun's out, windows open, cup of tea. Perfect Saturday.
"""

# A second, independently written batch: different people, different registers.
MORE_THEMES = {
    "workforce": """
staff - Did a 60 hour week and still had to borrow off my mum for the electric. Care work doesn't pay.
staff - They've put our hourly rate up by 20p and taken away the weekend enhancement. So actually a pay cut.
staff + Our team won the provider's award for compassion. We were all in tears at the ceremony.
staff 0 Anyone know a good agency in {town} that pays weekly? Looking for bank shifts.
lead - Lost another two seniors to the hospital trust this month. Can't compete with Agenda for Change.
lead + Apprenticeship scheme is working: eight of our ten apprentices are still with us after a year.
news - Hundreds of migrant care workers left jobless after sponsor licences revoked
public - My niece left care work for a call centre. Same money, no back pain, no heartbreak.
lived - The agency sends whoever is free. Last week a lad turned up who'd never hoisted anyone before. [+home_care]
""",
    "funding": """
lived - They want a deferred payment agreement on Dad's bungalow. He built that bungalow.
lived + The council's financial assessment came back lower than we feared. Mum can keep her savings for now.
self - Had a letter saying my care charge is going up to {money} a week from April. I'm on benefits.
lead - Three years of one-off grants means we can't plan beyond March. Give us a multi-year settlement.
org - Councils across the region have warned they face a combined shortfall of {money}m in social care next year.
news - Council publishes draft budget with adult social care savings proposals
public - Care costs are the only bill where having a stroke means you lose your house.
staff - The care package was cut so now I'm told to do a 45 minute job in 30. [+home_care]
""",
    "unpaid_carers": """
lived - Haven't been to the dentist in two years because there's nobody to sit with {R}.
lived - My employer says they're 'carer friendly' but I got a warning for taking {R} to A&E.
lived + A neighbour offered to sit with {R} on Thursdays so I can go to choir. I nearly cried.
lived - How do people manage caring and full-time work? Thinking of going part time.
lived + My teenage kids have been amazing helping with {R}. Proud doesn't cover it.
org + Our carers' wellbeing grants helped {n}0 carers take a short break this autumn.
news - Three in five unpaid carers have not had a day off in a year, survey finds
public - Somewhere tonight a 12 year old is doing their mum's meds before their homework.
""",
    "safeguarding": """
lived - The home 'lost' {R}'s hearing aids and glasses in the same week. {He} can't hear or see now. [+care_homes]
lived - Found out {R} had been given someone else's tablets. The home only told us because I asked why {he} was so drowsy. [+care_homes]
lived + The social worker who investigated was thorough and kind, and the changes at the home are real.
staff - A resident was left on the floor for forty minutes because we couldn't find a second person to use the hoist. [+care_homes]
org - An inspection found residents at risk of harm from unsafe medicines management and poor infection control. [+regulation]
news - Nurse struck off after neglect of elderly patients at nursing home [+care_homes]
public - If you see something in a care home that worries you, report it. It might be the only report they get. [+care_homes]
self - Who do I call if I'm worried about how my carer treats me? I don't want to get anyone in trouble.
""",
    "culture": """
staff - If you speak up here you get the worst rota for a month. Everyone knows it, nobody says it.
staff + HR actually protected me when I reported my manager. I didn't expect that.
lead - A culture where staff are scared to report errors is a culture where people get hurt.
lived - When we raised concerns the home threatened to ban us from visiting. [+care_homes]
org + Our staff survey shows 84% now feel safe to raise a concern, up from 51%.
news - Review finds 'culture of fear' among staff at care group
public - Every scandal report says the same thing: people spoke up and were ignored.
""",
    "hospital_discharge": """
lived - Ward rang at 4pm to say {R} was coming home tonight. No equipment, no carers, no commode. [+home_care]
lived + The ward OT came out to the house before discharge and sorted a rail and a perching stool. So helpful.
self - Three weeks on a ward I didn't need to be on because no agency could cover my area. [+home_care]
staff - Spent my whole shift chasing packages instead of nursing anyone. [+home_care]
lead + Our winter plan adds forty step-down beds and a seven-day discharge team.
org + Our hospital-to-home service helped {n}00 people settle back home safely this year.
news - Patients stuck in hospital for weeks as care homes refuse new admissions [+care_homes]
public - Half the people on my dad's ward were well enough to leave. Nowhere to go.
""",
    "home_care": """
lived - The carers leave {R}'s tea on the side where {he} can't reach it, then tick 'meal given'.
lived - Agency changed the times again without telling us. Bed call at 7pm in July.
lived + Same carer every morning for six months now and {R} actually looks forward to seeing her.
self - My care is so rushed I've stopped asking for a shower. Just a wash at the sink.
self + The carers who come to me are kind and never rush me. I feel like a person, not a job.
staff - Got a parking ticket on a call because there's nowhere to park. Agency won't pay it. [+workforce]
org - We have had to pause new home care referrals in the west of the county due to staffing. [+workforce]
news + Council to pay home care providers for travel time in new contract [+workforce]
public - Imagine having fifteen minutes to get dressed, eat and take your meds. That's home care in England.
""",
    "care_homes": """
lived - {R}'s care home has had four managers in a year. Nobody knows who's in charge.
lived - Residents sit in the lounge with the telly on all day. No activities, no garden, nothing.
lived + The activities lady at {R}'s home takes them to the garden centre every Friday. {He} loves it.
lived 0 How much notice does a care home have to give before increasing fees? [+funding]
staff 0 We're converting one floor into a dementia unit. Any advice on layout?
org + We're opening our doors for a community open day on Saturday. Come and meet our residents and team.
news - Nursing home closure gives 40 residents a month to move
public - A care home should feel like a home, not a waiting room.
""",
    "learning_disability_autism": """
lived - The new staff at my son's supported living don't know he's autistic and take his routine apart. Meltdown every day.
lived - The assessment waiting list for adult autism here is four years. Four years.
lived + My brother with Down's syndrome passed his cooking course and made us all lunch. Best meal ever.
self - I want a job but the day service only does crafts. I am 30 not 5.
staff - People with learning disabilities being moved miles away because there's nothing local. It's wrong.
org 0 Our easy read guide to annual health checks is now available free to download.
news + Supported employment scheme finds jobs for 50 people with learning disabilities
public - We lock autistic people away and call it treatment. History will judge us.
""",
    "mental_health": """
lived - {R} was discharged from the psych ward with two days of meds and a leaflet. That's it.
lived + The home treatment team visited {R} every day for three weeks. {He}'s coming back to us.
self - Eight hours in A&E in a mental health crisis with nowhere quiet to sit. Left worse than I came in.
self + My peer support worker gets it because she's been there. That matters more than any leaflet.
staff - Our community team has 90 people on each care coordinator's caseload. Nobody is getting proper care.
org + Our recovery college courses are free, run by people with lived experience. Enrol now. [+community_models]
news - Mental health trusts using private beds hundreds of miles away
public - Mental health waiting lists are so long people are getting worse while they wait to be seen.
""",
    "dementia": """
lived - {R} has started hiding food around the house. Found a sandwich in the sock drawer today.
lived - The GP says there's no point in a diagnosis 'at {his} age'. {He} deserves to know what's happening.
lived + {R} doesn't always know my name now but {he} still holds my hand and smiles when I walk in.
lived - Is there anything that helps with sundowning? Evenings are really difficult.
self - Recently diagnosed with early onset dementia. Looking for others my age to talk to.
org 0 Our dementia carers' group meets on the last Monday of the month at the library.
news - Dementia care costs families thousands as support falls short [+funding]
public + Dementia-friendly cafes are such a simple idea. Every town should have one.
""",
    "personalisation": """
self - Council says my PA's wages are 'too high' and wants me to use an agency they choose. So much for choice.
self + I hired two PAs who share my love of music. We go to gigs. My life looks like my life again.
lived + Direct payments meant we could hire someone who speaks Punjabi for {R}. Makes all the difference.
lived - The payroll service the council gave us made a mess of the PA's tax and now HMRC are writing to {R}.
staff 0 New PA here. Do most employers provide a contract, or do I need to ask?
lead - If direct payment rates don't go up, people will hand them back and we lose the best thing in the system. [+funding]
org + Our peer support network connects people who employ PAs so nobody has to work it out alone.
news 0 Survey of direct payment users to shape council's new approach
""",
    "community_models": """
self + The tenants' group in my block started a tea rota for people who live alone. I'm on Wednesdays.
self 0 Is there a Shared Lives scheme in {town}? I'd like to live with a family rather than in a home.
lived + {R} goes to a farm project three days a week run by a small local co-op. {He} comes home muddy and happy.
lead + Community-led support cut our waiting list for assessments from sixteen weeks to three.
org + We're looking for people with lived experience to join our co-production panel. Expenses paid.
news + Village 'care circle' where neighbours support older residents praised by minister
public + Best thing about our street is the old couple at 14 who everyone keeps an eye on.
staff + Working for a tiny community care enterprise is the first care job where I feel trusted.
""",
    "regulation": """
lived - The CQC report said 'Good'. The report I'd write after visiting {R} every day would say something else. [+care_homes]
staff - An inspector spent three hours on paperwork and ten minutes on the floor. What did they learn?
lead 0 Preparing for our first local authority assurance visit. Anyone willing to share their self-assessment?
org 0 The latest inspection report for our {town} service is now available on the CQC website.
news - Care provider fined after failing to protect resident from falls [+safeguarding]
news + Hospice rated outstanding for third inspection in a row
public 0 How often does CQC actually inspect a care home? Genuinely curious. [+care_homes]
""",
    "benefits": """
lived - Attendance Allowance form is 30 pages long. {R} can't read it, can't write it, and can't remember half of it.
lived + Got Attendance Allowance at the higher rate for {R}. It pays for a cleaner and a bit of respite. [+unpaid_carers]
self - Universal Credit cut my payment because of a 'change of circumstances' they won't explain.
self 0 Does anyone know if PIP counts as income for council tax reduction?
staff - I spend half my visits helping people fill in benefit forms because no one else will.
org + Our welfare rights team won {n}0 PIP appeals this year. Don't give up.
news - Disabled people wait months for PIP decisions as backlog grows
public - The way we treat disabled people on benefits says a lot about this country. None of it good.
""",
    "reform": """
lead + A ten-year plan for care with the money attached would change everything. Fingers crossed.
lead 0 Summary of today's announcement: a commission, two phases, final report in 2028.
lived - By the time the commission reports, {R} will be gone. This isn't reform, it's delay.
staff - Every new minister visits a care home for a photo and then nothing changes.
org + We're pleased the government has listened and will consult on a national pay framework. [+workforce]
news - Care reform plans shelved for third time, leaked papers show
public 0 What actually is the National Care Service meant to be? Is it like the NHS?
self 0 Has anyone responded to the consultation on the new social care plans? Want to make sure disabled voices are heard.
""",
}

MORE_OFF_TOPIC = """
other - Three hours at the DVLA website and still can't renew my licence. Fuming.
other + Just had the best massage of my life. Self-care is not a luxury.
other 0 Can you recycle skincare pots or do they go in general waste?
other - Customer care team promised a callback on Monday. It's Friday.
other + Huge thanks to the customer care lady who sorted my refund without any fuss.
other - My kid's nursery closed for an inset day with one day's notice. Childcare nightmare.
other 0 Do I need to take extra care with a new tattoo in the sun?
other + Our plants survived the holiday thanks to the neighbour taking care of them.
other - I could not care less about the new iPhone. Same phone, bigger price.
other + Date night at last! Grandma is taking care of the kids.
other 0 Take care if you're driving on the A30, fog is thick this morning.
other - Skin care ads telling 25 year olds they need anti-ageing cream. Please.
media - Supermarket recalls ready meals over plastic contamination
media 0 School holiday dates confirmed for next year
media + Rescue dog reunited with owner after ten days
organisation + Our skincare range is now 100% vegan and cruelty free!
organisation 0 Our customer care lines will be closed on the bank holiday Monday.
other - Hospital car park charges are a rip-off, £8 for two hours.
other + Paramedics were amazing when my husband collapsed at the match. Can't thank them enough.
other 0 Anyone know if the GP surgery does flu jabs on Saturdays?
other - Waited three weeks for a GP appointment for my son's ear infection.
other + My physio has finally sorted my knee. Back running next week!
other 0 Which is better for hay fever, tablets or nasal spray?
other - Dentist says I need a root canal. My bank account is crying.
other + Gave blood for the 25th time today. Free biscuits and a good deed.
"""

# A third batch, written later in other registers: longer, plainer, more regional and more
# matter-of-fact, so that no one style stands for a theme.
THIRD_THEMES = {
    "workforce": """
staff - Thirteen years a carer and I still can't get a mortgage because my hours change every week.
staff + Got offered a permanent contract with sick pay after two years on zero hours. Actually cried in the office.
staff 0 For anyone coming over on a health and care visa: keep copies of every payslip, trust me.
lead - We're paying agency nurses sixty quid an hour to cover shifts our own staff would do for half if we could afford to employ them.
lead - Our workforce plan for next year assumes we keep losing a fifth of new starters in the first three months.
org - The sector lost more experienced care workers last year than it recruited. Pay is the reason they give.
news 0 Minister meets care providers to discuss overseas recruitment rules
public + The lads who do my grandad's calls are the best of us. Polite, funny, patient. Pay them properly.
lived - Nan's carers are lovely but they're run ragged. One told me she'd done twenty calls before lunch.
""",
    "funding": """
lived - They're charging Mum for her own care out of her pension and then wondering why she can't heat the house.
lived - We were told the NHS pays for nursing care, then that it's only a contribution, then a bill arrived for the rest.
lived + Solicitor helped us get the council to backdate the funding. Months of stress but we got there.
self 0 Does anyone know what the minimum income guarantee is for working-age people paying for their care?
lead - Every penny of the precept goes on adult social care and children's services and it still isn't enough.
org 0 The council will set its budget at a full council meeting next Thursday. Adult social care savings are on the agenda.
news - Cash-strapped council to raise care charges for disabled residents
public - We've built a system where getting old and ill costs you your house, but getting ill young doesn't. Make it make sense.
""",
    "unpaid_carers": """
lived - It's 11pm, I've just done Dad's catheter, the washing and the tablets, and I've got work at eight.
lived - My own GP didn't even know I was a carer until I broke down in the appointment.
lived + Joined a carers' walking group on Sundays. An hour of fresh air with people who get it.
lived 0 Is there a way to register as a carer with my GP so they know about it?
self - I feel like a burden on my wife. She never complains but I can see how tired she is.
org 0 Are you a young carer aged 11 to 18? Our Saturday club is free, fun and nobody has to explain anything.
news + Supermarket offers paid leave to staff who care for relatives
public 0 How many hours a week do you need to care for someone to count as a carer?
""",
    "safeguarding": """
lived - Dad came home from respite with a black eye and a bed sore. The home's explanation was that he 'fell'.
lived - The carer has been taking Mum's bank card to do her shopping. Money's going out that we can't account for.
lived - If I suspect financial abuse by a relative, do I go to the police or to adult social care?
staff - Night staff are locking residents' doors so they can get through the round. I've reported it twice.
staff + Our new falls sensors mean we get to people in seconds, not twenty minutes. Fewer injuries already.
lead - Safeguarding thresholds vary so much between councils that the same concern gets a visit in one and a letter in another.
news - Care worker filmed slapping resident is sacked [+care_homes]
public - Nobody should have to put a camera in their mum's room to make sure she's safe. Yet here we are.
""",
    "culture": """
staff - The same three people get the good shifts because they're mates with the deputy. Everyone else gets nights.
staff - How do you raise something with the provider when the problem is the manager?
lead + We now hold a monthly 'what went wrong' meeting with no blame. People actually talk.
lived - Every time we ask to see the incident log the answer is 'data protection'.
org 0 We've appointed an independent Freedom to Speak Up guardian for all staff and volunteers.
news - Bosses at care group 'knew about abuse for months' before acting [+safeguarding]
public - The problem in care isn't bad apples, it's the barrel: staff so stretched that speaking up feels impossible.
""",
    "hospital_discharge": """
lived - Mum's been on the geriatric ward six weeks. She went in with a water infection and now she can't walk.
lived - They sent Dad home in a taxi with a discharge letter pinned to his jumper. No one at home until I got back from work.
lived + The hospital social worker was a star. Sorted the care, the equipment and the keysafe before Dad left.
self 0 What's the difference between reablement and intermediate care? Ward staff used both words today.
staff - OT here. I can't discharge safely when there's no equipment store open at the weekend.
lead + Seven-day discharge teams have made a real difference to flow at the weekend.
news - Hospitals forced to declare critical incidents as beds fill with patients awaiting social care
public - Half the winter crisis in A&E is really a social care crisis wearing a hospital gown.
""",
    "home_care": """
lived - Four different carers this week, two of them didn't speak enough English to understand Dad's hearing aid problem.
lived - The agency has gone bust overnight. Nobody is coming tomorrow morning and the council's phone line is closed.
lived + The new agency send the same lady at the same time every morning. Mum even gets her hair done now.
self - I have to be up, washed and dressed in thirty minutes because that's all the rota allows.
self 0 Can I ask for a male or female carer only? Not comfortable with men helping me shower.
staff - My car's on its last legs and the mileage rate hasn't gone up in six years.
lead 0 We're trialling self-rostering in one team so carers can choose their own rounds.
news - Family finds elderly father alone and dehydrated after home care visits missed [+safeguarding]
""",
    "care_homes": """
lived - The care home keeps phoning me to come and calm Dad down because they don't have the staff to do it.
lived + Dad's home has a pub night every Friday with a pint of shandy. He says it's the best local he's been to.
lived 0 Do care homes let you bring in your own furniture? Mum wants her armchair.
self - Twelve residents, one lounge, one telly, and the remote lives in the office.
staff + A resident who hadn't spoken in weeks sang every word of a Vera Lynn song today.
lead - Insurance premiums for care homes have doubled. Nobody talks about that part of the cost.
org 0 Our homes welcome visitors at any time. Please avoid mealtimes where you can.
news - Care home fined after resident's fall from window [+safeguarding]
""",
    "learning_disability_autism": """
lived - My son's been in a secure hospital for five years. Nobody can tell me what he needs to do to come home.
lived - The supported living staff take the residents to the same supermarket every day because it's the only trip on the rota.
lived + My autistic son went on his first holiday without us, with his support team. He sent a postcard.
self - Where can I get an autism assessment as an adult? My GP said the list is closed.
staff - Restrictive practice should be a last resort. Where I work it's a Tuesday.
org + Our self-advocates are running training for hospital staff on how to talk to people with a learning disability.
news - Families of autistic adults in hospital demand action after fresh deaths
public - Imagine being 22, autistic and stuck on a locked ward because there is no flat with support anywhere near your family.
""",
    "mental_health": """
lived - The mental health team keep cancelling my son's appointments. The last one was by text an hour before.
lived - Mum's been waiting for a psychiatrist for nine months. The GP keeps upping her tablets in the meantime.
lived + The crisis house was calm and kind. Four nights there and she came home herself again.
self 0 Has anyone used a crisis house instead of a hospital admission? What's it like?
staff - We're sending young people to adult wards because there are no beds for them anywhere.
lead - Section 117 aftercare disputes between health and social care are taking months to resolve. [+funding]
news - Record number of people detained under Mental Health Act
public + The guy who runs the men's shed in our village has done more for local mental health than any strategy.
""",
    "dementia": """
lived - Dad asked me today when his mum is coming to pick him up. She died in 1971.
lived - We're on our third social worker and every one of them has asked us to start the story again.
lived + The dementia adviser came to the house, listened for an hour and left us with a plan. First time we've felt held.
lived 0 What happens with lasting power of attorney if someone already has a dementia diagnosis?
staff - We're putting people with advanced dementia on general wards where nobody has time to sit with them.
org + Our memory café has a new home in the church hall, with parking. Same tea, same biscuits, same welcome.
news + NHS launches dementia diagnosis drive in areas with lowest rates
public - Dementia is the leading cause of death in this country and we still treat the care as optional.
""",
    "personalisation": """
self - The council want to 'review' my personal budget every three months. It takes a week of my life each time.
self + My PA and I have worked out a routine that lets me go to college three days a week.
lived 0 Can we use Dad's direct payment to pay for a cleaner instead of personal care? He'd rather shower himself.
staff - As a PA I was let go with a week's notice when my employer went into hospital. No redundancy, nothing.
lead + Individual service funds are the most underrated tool we have: the person decides, the provider delivers.
org 0 Free workshop: being a good employer of personal assistants. Tuesday, 10am, town hall.
news - Councils accused of clawing back unspent direct payments [+funding]
public + When disabled people control the budget, the support looks like a life, not a service.
""",
    "community_models": """
lived + Mum's Shared Lives carer takes her to the same café every Wednesday. She's got friends there now.
self + I run a little gardening group for people on my estate. We've planted forty trees this year.
self - The day centre I went to for ten years became a 'community hub' and now there's nothing on most days.
staff 0 Anyone worked as a local area coordinator? Thinking of applying and want to know what the day is like.
lead - We keep commissioning pilots of community-led support and then switching them off when the money ends.
org 0 Meet the team at our community pop-up in the market square on Saturday morning.
news + Carers' cooperative in village shows 'a different way of doing home care'
public + The best care I've seen round here was a street WhatsApp group taking turns to check on Betty.
""",
    "regulation": """
lived - CQC told us they'd 'note' our concerns. The home's rating stayed Outstanding. Dad had bed sores.
lived + After our complaint the home had an unannounced inspection and things changed within a month.
staff 0 Do CQC speak to night staff during inspections? Ours never have.
lead - We waited eighteen months for re-inspection after we fixed everything. That rating cost us admissions.
org 0 We welcome feedback on our services. You can also share your experience directly with CQC.
news - Watchdog finds 'unsafe' care at one in five homes it inspected [+care_homes]
public 0 Is there anywhere to see complaints about a home care agency before you choose one?
""",
    "benefits": """
lived - DWP want proof Dad needs help to wash. He has one leg. I've sent the hospital letters twice.
lived - We lost Carer's Allowance because I did a few extra shifts at Christmas. Now they want it all back.
lived + Welfare rights worker at the carers' centre got us Attendance Allowance backdated three months.
self - My PIP assessor had never heard of my condition and wrote that I could walk 200 metres. I can't.
self 0 Is it worth asking for a home visit for the PIP assessment if travel is hard?
org - Our helpline calls about Carer's Allowance overpayments have tripled in a year.
news 0 Tribunal overturns majority of PIP refusals, new figures show
public - Funny how fast the DWP can find an overpayment and how slow it is to pay what people are owed.
""",
    "reform": """
lead - Care workers can't eat a consultation. Ten years of reviews and nothing has reached the front line.
lead + If the fair pay agreement lands with funding attached, it will be the biggest change in a generation. [+workforce]
lived 0 Will the new commission look at what families pay, or just at how councils run things? [+funding]
self - Politicians talk about social care reform as if disabled working-age adults don't exist.
org 0 Our evidence to the commission sets out five changes that would make the biggest difference to carers. [+unpaid_carers]
news - Care cap scrapped as Chancellor cites cost pressures [+funding]
public 0 Does anyone actually know what's in the new care bill? The coverage is all about the NHS.
""",
}

THIRD_OFF_TOPIC = """
other + Grandad's allotment has produced enough courgettes to feed the street. Send help (and recipes).
other - The care label said hand wash only. I did not hand wash it. It now fits the cat.
other 0 Does anyone know a cobbler who still does proper resoling?
other - Two hours at the car dealer's 'customer care' desk and they still lost my paperwork.
other + Beautiful frost this morning, the whole field was sparkling.
other 0 Taking care of the in-laws' dog for the weekend. Any tips for a nervous spaniel?
other - Honestly don't care what the influencers say, that moisturiser is rubbish.
other + Finally painted the hallway. Took three weekends but worth it.
media - Storm causes flooding and power cuts across the north
media + Town's first cinema in twenty years opens its doors
organisation 0 Our contact centre is experiencing high call volumes. You can also reach us on live chat.
other - Nursery fees up again and they've cut the hours. Fantastic.
other 0 Is it worth paying extra for a plant-based skincare brand or is it marketing?
other + Shout out to the bus driver who waited for my nan this morning. Legend.
other - Three parcels, three different days, three missed delivery cards. Why.
"""

# A fourth batch: plain reports of hard news (neutral), understatement, leaders writing "we",
# and members of the public who mention family without being carers.
FOURTH_THEMES = {
    "workforce": """
news + Care workers to be included in new fair pay talks, department confirms
org - Our annual workforce report shows turnover fell slightly but vacancies remain high.
lead - We've cut agency use by paying our own staff more. It's the only thing that has ever worked.
lead 0 We are reviewing sleep-in rates across our supported living services this spring.
public 0 What's the actual hourly rate for care workers now? Seen figures from £11 to £14.
staff + Not a bad week. Regular clients, no double-ups, and I got home before the kids' bedtime.
""",
    "funding": """
news - Council outlines adult social care savings ahead of budget vote
org 0 The consultation on changes to care charges closes on Friday. Paper copies are available at libraries.
lead - We are rationing care by waiting list because the budget ran out in October.
public - My dad paid into the system for fifty years and still had to sell his flat to pay for his care home.
lived + Not the outcome we feared: the council will fund Mum's night care after all.
""",
    "unpaid_carers": """
news 0 Charity publishes annual State of Caring survey
org + Carers can now book a free health check at any of our partner pharmacies.
public 0 My neighbour looks after her husband full time. Is there anything practical I can do to help?
lived + It's not perfect, but the sitting service gives me four hours a week and I'm a nicer person for it.
lead 0 We are updating our carers' strategy and want to hear from working carers.
""",
    "safeguarding": """
news - Safeguarding review published into care provider after resident's death
org 0 If you are worried an adult is being abused or neglected, you can report it to us 24 hours a day.
lead - We had four medication errors last month. Each one is reviewed, and each one is one too many.
public - Read the inquest report about that care home. Nobody should die thirsty in England in 2026.
""",
    "culture": """
news 0 Care group commissions independent review into staff concerns
lead 0 We are introducing anonymous reporting for staff who want to raise concerns.
public - Every time a whistleblower is ignored, someone's mum pays for it.
staff + Our new manager asks the night staff what's going on before the day staff. Small thing, big change.
""",
    "hospital_discharge": """
news 0 Hospital trust reports number of patients medically fit for discharge
org 0 Our home-from-hospital volunteers can collect shopping and prescriptions for your first week home.
lead - We're opening escalation beds in December again because we can't get people home.
public - My uncle was stuck on a ward for a month waiting for a care package. He lost so much strength.
""",
    "home_care": """
news 0 Council announces new home care contracts for rural areas
org 0 We provide home care across the district, from short visits to live-in support.
lead + We moved our carers onto salaried contracts and missed visits dropped by half.
public 0 How do you check if a home care agency is any good before you sign up?
lived + Mum's carers aren't perfect but they're kind, and she looks forward to the morning chat.
""",
    "care_homes": """
news 0 Care home sold to new operator, residents told care will continue
org 0 Our homes are open for visits seven days a week. No appointment needed.
lead - We closed our smallest home this year. The fees simply didn't cover the cost of running it.
public - My gran's care home charges more a week than my rent for a month.
""",
    "learning_disability_autism": """
news 0 Report published on people with a learning disability in inpatient settings
org 0 Our supported living services are recruiting. Experience with autistic adults welcome.
lead - We have twelve people from our area in hospital placements. Every one of them should be home.
public 0 What's the difference between supported living and a residential home for adults with a learning disability?
""",
    "mental_health": """
news 0 NHS publishes mental health waiting time figures for adults
org 0 Our talking therapies service accepts self-referrals online.
lead - Out-of-area placements cost us more than the community service we'd need to prevent them.
public - My mate waited fourteen months for counselling. Fourteen months.
""",
    "dementia": """
news 0 Memory clinic waiting times published for each area
org 0 Dementia support sessions run every Tuesday at the community centre, carers welcome.
lead + Post-diagnostic support is working: carers tell us they feel less alone in the first year.
public - My neighbour's husband has dementia and she's doing it all on her own. It's heartbreaking to watch.
""",
    "personalisation": """
news 0 Council to review how direct payments are managed
org 0 Our payroll service for people who employ personal assistants is free to use.
lead - Too many direct payments are really just agency care with extra paperwork.
public + My cousin uses a personal budget to employ two PAs and it's given her a proper life.
""",
    "community_models": """
news + Council funds community groups to support older people living alone
org 0 Shared Lives information evening on Thursday at the library. Come and find out more.
lead + Our neighbourhood teams know people by name. That's the whole point.
public + Our village lunch club is run by volunteers and it's the highlight of the week for half the street.
""",
    "regulation": """
news 0 CQC publishes ratings for home care providers in the region
org 0 Our latest inspection report is available on our website and the CQC website.
lead - A rating from four years ago tells families nothing about the service today.
public - Where do you complain if you're unhappy with a care home and the home won't listen?
""",
    "benefits": """
news 0 Government publishes figures on Carer's Allowance overpayments
org 0 Our benefits advice line is open Monday to Friday, 9am to 4pm.
lead - We see people's care fall apart when their benefits are stopped. The two systems don't talk.
public - A friend had her PIP stopped after ten years with the same condition. Nothing has changed except the form.
""",
    "reform": """
news 0 Government sets out timetable for social care commission
org 0 Our briefing explains what the new care bill would change for councils and providers.
lead 0 We're modelling what a national pay framework would cost across our area.
public - Every election someone promises to fix social care. Then nothing.
""",
}

FOURTH_OFF_TOPIC = """
other + Took my mum for afternoon tea for her birthday. She loved every crumb.
other 0 My dad wants a new phone for Christmas. Any recommendations for something simple?
other - My grandad is fuming that the pub has stopped doing Sunday roasts.
other + Family walk with the dog and my nan this afternoon. Proper Sunday.
media 0 Council confirms changes to parking charges from April
media 0 Government publishes new figures on house prices
other 0 Taking my brother to the airport at 5am. Wish me luck.
other - My sister borrowed my car and returned it with no petrol. Classic.
"""

# A fifth batch: the same themes in other words — jargon, synonyms and the vocabulary of
# particular jobs — so that no theme hangs on a handful of words.
FIFTH_THEMES = {
    "workforce": """
staff - They're doing fire and rehire on our contracts. Lose the unsocial hours payment or lose the job.
staff + Finished my Care Certificate today and my senior says I'm ready to do lone calls. Buzzing.
lead 0 We've introduced a retention bonus after twelve months. Too early to say if it works.
org - TUPE transfer to the new provider and half the team have been put on lower rates.
news - Bank staff shortages force care homes to cap admissions
public + The bloke who does my uncle's evening visit has been doing it eleven years. Give that man a medal.
""",
    "funding": """
lived - We're self-funders, so Dad pays nearly twice what the council pays for the bed next door.
lived 0 Can a third-party top-up be paid by grandchildren, or does it have to be the family home?
lead - Market sustainability money arrived in March and has to be spent by March. That's not a plan.
org 0 Our guide to deferred payment agreements explains what happens to your home if you need residential care. [+care_homes]
news - Self-funders paying 40% more than council-funded residents, analysis finds [+care_homes]
public - Cost of living is hitting disabled people hardest: their care charges went up when their bills did.
""",
    "unpaid_carers": """
lived - Sandwich carer: school run, then Mum's meds, then work, then Mum again. No one asks how I am.
lived - Does anyone have a carers' emergency plan? What happens to Dad if I get ill?
lived + Replacement care for one afternoon a week means I can finally see my own GP.
org + Carers' breaks fund now open: grants for a short break, a course or equipment.
news - Carers forced to give up work to look after relatives, study finds
self + My grandson pops in every evening to check on me and never makes me feel like a job.
""",
    "safeguarding": """
lived - There's a section 42 enquiry into Mum's fall but nobody will tell us anything while it's open.
lived - Grade three pressure ulcer found when Dad was admitted to hospital. The care plan said turned every two hours.
staff - We're giving covert medication without a best interests meeting on file. I've flagged it.
lead 0 Our safeguarding dashboard now shows concerns by provider, so patterns show up sooner.
news - Choking death at care home prompts review of mealtime support [+care_homes]
public 0 What counts as neglect when someone is cared for at home by family?
""",
    "culture": """
staff - The manager makes everyone sign the notes without reading them. If you question it you're 'difficult'.
staff + First team meeting where the cleaner and the nurse got the same say. Felt like a proper team.
lead - Staff were told to sign confidentiality agreements after the incident. That should worry everyone.
lived - They gaslight families here. We're told we imagined things we saw with our own eyes.
news 0 Providers urged to publish how they handle whistleblowing concerns
""",
    "hospital_discharge": """
lived - Dad's been sat in the discharge lounge since nine this morning waiting for transport and his meds.
lived 0 The ward says Mum is 'pathway 1'. What does that mean for the care she gets at home?
staff - Transfer of care hub is drowning. We've got more referrals than we can place every single day.
lead + Trusted assessors from care homes now visit the ward directly. Placements are days faster.
news 0 NHS and councils agree joint plan to reduce delayed discharges this winter
public - They called my aunt 'bed blocking'. She's a person waiting for help that doesn't exist.
""",
    "home_care": """
lived - They're call cramming again: three visits booked for the same quarter hour across the village.
lived - Mum's visits are being clipped to ten minutes. The app says thirty.
self 0 How many care hours a week does the council usually give after a stroke?
staff + My manager finally gave me a round in one postcode. Less driving, more time with people.
org 0 We're a domiciliary care provider covering the whole valley, including evenings and weekends.
news - Domiciliary care providers warn they cannot recruit drivers for rural rounds [+workforce]
""",
    "care_homes": """
lived - Mum moved to the EMI unit and the residents just wander all day with nobody to talk to. [+dementia]
lived + The nursing home organised a video call with my sister in Canada for Dad's birthday. Lovely.
self 0 Can I go out on my own from the residential home, or do I have to ask permission?
staff - Thirty residents, two on the floor, one on meds. Call bells ringing for forty minutes.
lead 0 Nursing beds are the hardest to find in our area; residential places are easier.
news + Residents and staff at village care home celebrate centenarian's birthday
""",
    "learning_disability_autism": """
lived - My daughter's PBS plan was written by someone who met her once. It doesn't describe her at all.
lived + The learning disability nurse at the hospital made all the difference. Calm room, easy read letters, no rushing.
self - Autistic burnout after the day service closed and my routine went. Nobody checked in.
lead 0 We're reviewing medication for everyone with a learning disability under STOMP.
org + Our supported internship scheme placed eight young people with a learning disability in paid jobs.
news - Review finds autistic people still placed in units far from home
""",
    "mental_health": """
lived - My brother's first episode of psychosis and the early intervention team has a six week wait.
lived 0 What happens at a Mental Health Act assessment? The GP mentioned a section 3.
self - Talking therapies offered me six sessions. It took me six sessions to trust the therapist.
staff + Crisis resolution team got a young man home instead of admitted. He's doing well.
org 0 Our peer support line is staffed by people with lived experience of mental illness.
news - Police spending hours with people in mental health crisis as beds run out
""",
    "dementia": """
lived - The memory assessment took a year and the diagnosis letter arrived with no phone number to call.
lived + Dad's dementia nurse explained Lewy body to us in plain words. Finally we understand the hallucinations.
lived - Any tips for making the house safer for someone with cognitive decline? Mum keeps leaving the gas on.
staff - We haven't had dementia training in three years and half the residents have a diagnosis.
org 0 Free dementia awareness sessions for local businesses every month.
public + Seeing the choir of people with dementia sing at the cathedral was the best thing I've seen all year.
""",
    "personalisation": """
self - My personal health budget was approved in January. It's May and no money has arrived.
self + With an individual service fund I chose a provider who'd take me to the gym at 7am. Life changing.
lived 0 Is there a PA recruitment website people actually use, or is it all word of mouth?
lead + Personal health budgets for wheelchairs mean people choose the chair that fits their life.
news - Disabled people hit by delays in direct payment reviews
""",
    "community_models": """
self + The time bank swaps my baking for someone doing my shopping. I feel useful again.
self 0 My GP mentioned social prescribing. What does a community connector actually do?
lead + Local Area Coordination has cut repeat visits to A&E among the people we walk alongside.
lead 0 We're co-producing the new day opportunities offer with people who use them and their families.
org + Our community connectors helped 300 people find a group, a class or a friend this year.
news + Social prescribing scheme expands to every GP practice in the county
""",
    "regulation": """
lived - Healthwatch passed on our concerns months ago. Still no inspection.
lead - A notice of proposal from CQC over a paperwork issue while real risks elsewhere go unseen.
org 0 We have received the ombudsman's decision and will carry out its recommendations in full.
staff + The inspector asked residents about their day, not just us about the folders. That's how it should be.
news - Regulator takes enforcement action against home care provider after missed visits [+home_care]
public 0 Does Healthwatch have any real power or is it just feedback?
""",
    "benefits": """
lived - Dad's Attendance Allowance renewal form asked if his dementia had improved. It's progressive.
lived 0 Can I get the carer element of Universal Credit if I already get Carer's Allowance?
self - Work capability assessment found me fit for work two weeks after my spinal surgery.
self + ESA appeal won. Took a year, but I'm finally not living on my overdraft.
org 0 We can help you check you're getting every benefit you're entitled to as a carer.
news - Sanctions on disabled claimants rise, figures show
""",
    "reform": """
lead - The Care Act was meant to put wellbeing first. Ten years on, we're mostly rationing.
lead - The Dilnot cap would have protected families. Scrapping it was a choice.
org 0 We've submitted evidence on devolving social care funding to regional mayors.
public - Is the social care green paper ever actually coming, or is that a running joke now?
news 0 Ten-year plan for adult social care promised by spring
lived - Another review, another year of us paying for Dad's care out of the house money. [+funding]
""",
}
