#!/usr/bin/env python3
"""Writes labelled/innovations.json: stories about named innovations across sites and months, each
labelled with its innovation (or none) and its lifecycle stage, with distractors: other products of
the same companies, and stories on the same themes that name no innovation.

The innovations are a mix of real ones from the hubs' documents and invented ones; the sentences are
written to vary the way news introduces a name (apposition, "called", "the X app", a bare name in a
headline, a medicine and its brand). Run: python3 labelled/make_innovations.py > labelled/innovations.json
"""
import json
import random

random.seed(17)

# name, variants, kind, company, what it does, theme words, identifier (or None)
INNOVATIONS = [
    ("Brain in Hand", ["Brain-in-Hand"], "digital self-management support system", "Brain in Hand Ltd", "helps autistic adults manage anxiety and plan their day", "autistic adults", "ISRCTN12345678"),
    ("PReCePT", [], "quality improvement programme", "the West of England network", "gives magnesium sulphate to mothers in preterm labour to prevent cerebral palsy", "preterm births", None),
    ("C the Signs", ["C-the-Signs"], "AI cancer risk assessment tool", "C the Signs Ltd", "helps GPs spot patients at risk of cancer earlier", "cancer referrals", None),
    ("HEAL-D", [], "culturally tailored diabetes education programme", "King's Health Partners", "supports people of African and Caribbean heritage to manage type 2 diabetes", "type 2 diabetes", None),
    ("Minuteful Kidney", [], "smartphone urine test", "Healthy.io", "lets people with diabetes check kidney function at home", "kidney disease", None),
    ("Wysa", [], "AI mental health chatbot", "Touchkin", "offers talking therapy support while people wait for treatment", "mental health waiting lists", None),
    ("DrDoctor", [], "patient engagement platform", "ICNH", "lets patients manage hospital appointments online", "outpatient appointments", None),
    ("Dora", [], "automated clinical assistant", "Ufonia", "calls patients after cataract surgery to check on their recovery", "cataract follow-up", None),
    ("DERM", [], "AI skin cancer detection tool", "Skin Analytics", "assesses images of suspicious moles", "skin cancer referrals", "NCT05412345"),
    ("Mia", [], "AI breast screening tool", "Kheiron Medical", "reads mammograms alongside radiologists", "breast screening", "NCT04987654"),
    ("myCOPD", [], "digital self-management app", "my mhealth", "helps people with chronic obstructive pulmonary disease manage their condition", "COPD", None),
    ("Lenus COPD Support Service", [], "remote monitoring service", "Lenus Health", "monitors people with COPD at home and flags exacerbations", "COPD admissions", None),
    ("GoodSAM", [], "emergency responder app", "GoodSAM", "alerts trained volunteers to nearby cardiac arrests", "cardiac arrest survival", None),
    ("eConsult", [], "online consultation platform", "eConsult Health", "lets patients contact their GP practice online", "GP access", None),
    ("Oviva", [], "digital weight management service", "Oviva", "supports people with obesity through app-based dietitian coaching", "obesity", None),
    ("inclisiran", ["Leqvio"], "cholesterol-lowering injection", "Novartis", "lowers LDL cholesterol with two injections a year", "cardiovascular disease", "TA733"),
    ("tirzepatide", ["Mounjaro"], "weight-loss medicine", "Eli Lilly", "helps people with obesity lose weight", "obesity", "TA1026"),
    ("lecanemab", ["Leqembi"], "Alzheimer's treatment", "Eisai", "slows cognitive decline in early Alzheimer's disease", "dementia", "NCT03887455"),
    ("Cytosponge", ["capsule sponge"], "sponge-on-a-string test", "Cyted", "detects Barrett's oesophagus without endoscopy", "oesophageal cancer", None),
    ("ColonFlag", [], "blood test algorithm", "Medial EarlySign", "flags patients at high risk of bowel cancer from routine blood tests", "bowel cancer", None),
    ("Sleepio", [], "digital insomnia therapy", "Big Health", "delivers cognitive behavioural therapy for insomnia", "insomnia", "MTG70"),
    ("Dorset Care Record", [], "shared care record", "Dorset Council", "lets health and care staff see a person's records in one place", "joined-up care", None),
    ("Feebris", [], "AI-powered health check platform", "Feebris", "lets carers in care homes carry out clinical checks on residents", "care home residents", None),
    ("Cera", [], "home care technology platform", "Cera Care", "predicts falls and hospital admissions among people receiving home care", "falls", None),
    ("Alcidion Miya", ["Miya"], "electronic patient record platform", "Alcidion", "brings patient information together for clinicians", "hospital flow", None),
    ("HealthHero", [], "virtual GP service", "HealthHero", "offers remote GP consultations", "primary care capacity", None),
    ("Patchwork", [], "staff bank app", "Patchwork Health", "lets trusts fill temporary shifts with their own staff", "agency spending", None),
    ("Safe Steps", [], "falls prevention app", "Safe Steps", "lets care home staff assess residents' risk of falling", "falls in care homes", None),
    ("Tyto Care", ["TytoCare"], "remote examination kit", "Tyto Care", "lets clinicians examine patients remotely", "virtual wards", None),
    ("Huma", [], "remote patient monitoring platform", "Huma Therapeutics", "collects readings from patients at home", "virtual wards", None),
    ("KardiaMobile", [], "handheld ECG device", "AliveCor", "detects atrial fibrillation in under a minute", "atrial fibrillation", "MTG64"),
    ("Vitalograph", [], "spirometry service", "Vitalograph", "tests lung function in community diagnostic centres", "lung health", None),
    ("Peppy", [], "menopause support app", "Peppy Health", "connects women with menopause specialists", "menopause", None),
    ("Xploro", [], "augmented reality app", "Xploro", "explains hospital procedures to children", "children's anxiety", None),
    ("Luscii", [], "home monitoring platform", "Luscii Healthtech", "lets patients with heart failure send readings from home", "heart failure", None),
]

SITES = ["www.england.nhs.uk", "www.digitalhealth.net", "www.hsj.co.uk", "www.healthinnovationnetwork.com",
         "www.bbc.co.uk", "www.nihr.ac.uk", "www.gov.uk", "www.nationalhealthexecutive.com", "www.bmj.com",
         "www.theguardian.com", "www.pulsetoday.co.uk", "www.nursingtimes.net", "www.digitalhealthnews.co.uk"]
PLACES = ["Dorset", "Poole", "Cheshire", "Merseyside", "Wirral", "Liverpool", "Bournemouth", "Leeds", "Kent",
          "Norfolk", "Somerset", "Cumbria", "Devon"]
TRUSTS = ["University Hospitals Dorset NHS Foundation Trust", "Dorset HealthCare", "Mersey and West Lancashire Teaching Hospitals",
          "Countess of Chester Hospital", "Wirral University Teaching Hospital", "Leeds Teaching Hospitals", "Royal Devon University Healthcare"]


def intro(name, kind, company, does, style):
    """The first mention of the innovation in a summary, in one of several styles."""
    if style == 0:
        return f"{name}, a {kind} developed by {company}, {does}."
    if style == 1:
        return f"The {kind}, called {name}, {does}."
    if style == 2:
        return f"{company}'s {name} {kind.split()[-1]} {does}."
    if style == 3:
        return f"{name} is a {kind} that {does}."
    if style == 4:
        return f"Developed by {company}, {name} {does}."
    return f"Known as {name}, the {kind} {does}."


def stage_story(inv, stage, style):
    name, variants, kind, company, does, theme, ident = inv
    shown = name if not variants or random.random() < 0.6 else random.choice(variants)
    place = random.choice(PLACES)
    trust = random.choice(TRUSTS)
    first = intro(shown, kind, company, does, style)
    n = random.randint(40, 900)
    pct = random.randint(12, 48)
    money = random.choice(["£250,000", "£1.2m", "£3m", "£600,000", "£4.5m"])
    if stage == "research":
        titles = [f"Trial of {shown} begins recruiting patients", f"Researchers to test {shown} in {n} patients",
                  f"Study launched to evaluate {shown}"]
        body = [f"{first} A randomised trial will recruit {n} participants across {random.randint(3, 12)} sites to test whether it improves outcomes for {theme}.",
                f"{first} The clinical trial, which started this month, will compare it with usual care; the first patients have been enrolled."]
    elif stage == "evidence":
        titles = [f"{shown} cut {theme} by {pct}%, study finds", f"Evaluation of {shown} shows benefits for patients",
                  f"Results published for {shown}"]
        body = [f"{first} Results published in the BMJ found that it reduced {theme} by {pct} per cent compared with usual care.",
                f"{first} An independent evaluation of {n} patients showed fewer admissions and high satisfaction; the findings were presented at a conference."]
    elif stage == "regulatory":
        titles = [f"{shown} receives MHRA approval", f"Regulator clears {shown} for use in the UK",
                  f"{shown} gains UKCA marking"]
        body = [f"{first} The MHRA has granted approval, clearing the way for its use in the NHS.",
                f"{first} It has been granted a UKCA mark as a class IIa medical device and can now be used in the UK."]
    elif stage == "guidance":
        titles = [f"NICE recommends {shown}", f"{shown} recommended in NICE draft guidance",
                  f"NICE backs {shown} in early value assessment"]
        body = [f"{first} The National Institute for Health and Care Excellence (NICE) has recommended it in draft guidance for {theme}.",
                f"{first} NICE said in an early value assessment that it can be used while more evidence is generated."]
        if ident and ident[:2] in ("TA", "MT"):
            body = [b + f" The guidance ({ident}) applies in England." for b in body]
    elif stage == "funding":
        titles = [f"{shown} awarded {money} to expand", f"{company} raises {money} for {shown}",
                  f"{money} funding for {shown}"]
        body = [f"{first} The company has been awarded {money} of funding from the NHS AI in Health and Care Award.",
                f"{first} The investment of {money}, led by health investors, will fund further development."]
    elif stage == "adoption":
        titles = [f"{trust} goes live with {shown}", f"{place} patients to benefit from {shown} pilot",
                  f"{shown} introduced in {place}"]
        body = [f"{first} {trust} went live with it this week, the first trust in the region to do so.",
                f"{first} A pilot in {place} will offer it to {n} local patients over the next six months."]
    else:  # spread
        titles = [f"{shown} to be rolled out across England", f"National rollout for {shown}",
                  f"{shown} expanded to every integrated care board"]
        body = [f"{first} NHS England has announced a national rollout, making it available across the country.",
                f"{first} After successful pilots it will now be rolled out across the NHS in all regions."]
    title = random.choice(titles)
    summary = random.choice(body)
    if ident and stage in ("research", "evidence") and random.random() < 0.7:
        summary += f" The study is registered as {ident}." if ident.startswith(("NCT", "ISRCTN")) else ""
    return title, summary


STAGES = ["research", "evidence", "regulatory", "guidance", "funding", "adoption", "spread"]

# Other products of the same companies: distractors that must not join the innovation.
SIBLINGS = [
    ("Healthy.io", "Minuteful Wound", "wound assessment app", "lets nurses photograph and measure wounds"),
    ("Skin Analytics", "DERM Pathway Manager", "referral management system", "helps trusts organise dermatology referrals"),
    ("Kheiron Medical", "Mia Mammography Intelligent Assessment v2", "", ""),
    ("Big Health", "Daylight", "digital anxiety therapy", "helps people manage worry and anxiety"),
    ("AliveCor", "KardiaBand", "smartwatch ECG strap", "records a heart rhythm from the wrist"),
    ("Novartis", "Kisqali", "breast cancer medicine", "treats advanced breast cancer"),
    ("Eli Lilly", "donanemab", "Alzheimer's treatment", "clears amyloid from the brain"),
    ("Ufonia", "Dora R1", "", ""),
    ("Huma Therapeutics", "Huma Research", "research platform", "runs decentralised clinical studies"),
    ("Cera Care", "Cera Connect", "carer scheduling app", "matches home carers to visits"),
    ("Patchwork Health", "Patchwork Locum", "locum booking service", "books locum doctors"),
    ("Oviva", "Oviva Diabetes Remission", "low-calorie diet programme", "supports type 2 diabetes remission"),
]

GENERIC = [
    ("Frailty services expanded in {place}", "A community trust has expanded its services for older people living with frailty, with more home visits and falls assessments."),
    ("Winter pressures: trusts open extra beds", "Hospitals across the region are opening additional beds as flu and RSV admissions rise ahead of the holidays."),
    ("Virtual wards help patients recover at home", "Virtual wards let patients receive hospital-level care at home, with clinicians monitoring them remotely."),
    ("GP practices in {place} trial new appointment system", "Practices are changing how patients book appointments to reduce the 8am rush."),
    ("Workforce plan promises more nurses", "The long-term workforce plan sets out how the NHS will train and retain more nurses and doctors."),
    ("Health inequalities persist in coastal towns", "A report found life expectancy in coastal towns lags behind the national average by several years."),
    ("AI could free up clinicians' time, report says", "A report by a think tank says artificial intelligence could reduce administrative work for NHS staff."),
    ("Diabetes prevention programme reaches milestone", "More than a million people have been referred to the NHS Diabetes Prevention Programme since it began."),
    ("Care homes in {place} struggle to recruit staff", "Care home managers say vacancies remain high despite international recruitment."),
    ("New community diagnostic centre opens in {place}", "The centre offers scans, blood tests and checks closer to home, cutting waits for patients."),
    ("Dementia diagnosis rates rise", "Diagnosis rates for dementia have risen for the first time in two years, official figures show."),
    ("Mental health waits lengthen for young people", "Children and young people are waiting longer for mental health support, a charity has warned."),
]


def site_link(site, slug, k):
    return f"https://{site}/news/{slug}-{k}"


def main():
    items = []
    k = 0
    start_month = 1
    for inv in INNOVATIONS:
        name = inv[0]
        n_stories = random.choice([4, 5, 5, 6])
        stages = sorted(random.sample(STAGES, min(n_stories, len(STAGES))), key=STAGES.index)
        while len(stages) < n_stories:
            stages.append(random.choice(stages))
        stages.sort(key=STAGES.index)
        month = random.randint(1, 4)
        for n, stage in enumerate(stages):
            k += 1
            title, summary = stage_story(inv, stage, random.randint(0, 5))
            month = min(12, month + random.randint(0, 2))
            day = random.randint(1, 28)
            site = random.choice(SITES)
            items.append({
                "id": f"n{k:03d}", "title": title, "summary": summary,
                "link": site_link(site, name.lower().replace(" ", "-"), k),
                "published": f"2025-{month:02d}-{day:02d}T09:00:00Z",
                "innovation": name, "stage": stage,
            })
    for company, product, kind, does in SIBLINGS:
        if not kind:
            continue
        k += 1
        stage = random.choice(["adoption", "evidence", "funding"])
        style = random.randint(0, 3)
        title = {"adoption": f"{product} launched by {company}", "evidence": f"Study of {product} shows promise",
                 "funding": f"{company} secures £2m for {product}"}[stage]
        body = {"adoption": f"{intro(product, kind, company, does, style)} It is being piloted at two trusts.",
                "evidence": f"{intro(product, kind, company, does, style)} Results published in a journal found that it reduced waiting times.",
                "funding": f"{intro(product, kind, company, does, style)} The funding will support its development."}[stage]
        items.append({"id": f"n{k:03d}", "title": title, "summary": body,
                      "link": site_link(random.choice(SITES), product.lower().replace(" ", "-"), k),
                      "published": f"2025-{random.randint(1, 12):02d}-{random.randint(1, 28):02d}T09:00:00Z",
                      "innovation": product, "stage": stage})
    for title, summary in GENERIC * 2:
        k += 1
        place = random.choice(PLACES)
        items.append({"id": f"n{k:03d}", "title": title.format(place=place), "summary": summary,
                      "link": site_link(random.choice(SITES), "news", k),
                      "published": f"2025-{random.randint(1, 12):02d}-{random.randint(1, 28):02d}T09:00:00Z",
                      "innovation": None, "stage": "other"})
    random.shuffle(items)
    print(json.dumps({"name": "innovations", "note": "Stories about innovations across sites and months, "
                      "labelled with the innovation (null: none) and the lifecycle stage; made by make_innovations.py.",
                      "items": items}, indent=1, ensure_ascii=False))


main()
