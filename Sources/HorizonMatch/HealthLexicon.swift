public import HorizonCore

/// The built-in health-and-care context lexicon: words that show a story is about health or care
/// (weighted by how surely they do), and words of other subjects that take evidence away.
///
/// Every word is matched as written (any case, plural `s` allowed), never stemmed: a stem would
/// make "hospitality" evidence of "hospital" and "development" of "developers".
///
/// Weights: 2 for words that alone settle it (patients, NHS, clinicians); 1 for words that need a
/// second (hospital, treatment, disease: hedgehog hospitals and tyre treatments exist); 0.5 for
/// words that lean towards health. Words with a common other sense (screening, trial, ward, theatre,
/// pilot, app, digital, recruitment, monitoring, discharge, obesity) are not here at all: they are
/// what the context decides about. Against-words are the trades and subjects where health words
/// turn up in another sense: animals and farming, film and stage, property, banking and retail,
/// roads and the grid, courts, elections, sport.
public enum HealthLexicon {
    static func strong(_ words: String...) -> [ThemeTerm] { words.map { ThemeTerm($0, weight: 2, exact: true) } }
    static func medium(_ words: String...) -> [ThemeTerm] { words.map { ThemeTerm($0, weight: 1, exact: true) } }
    static func weak(_ words: String...) -> [ThemeTerm] { words.map { ThemeTerm($0, weight: 0.5, exact: true) } }
    static func acronyms(_ weight: Double, _ words: String...) -> [ThemeTerm] {
        words.map { ThemeTerm($0, weight: weight, caseSensitive: true) }
    }
    static func against(_ weight: Double, _ words: String...) -> [ThemeTerm] {
        words.map { ThemeTerm($0, weight: weight, exact: true) }
    }

    /// Evidence for health and care.
    public static let terms: [ThemeTerm] = [
        acronyms(2, "NHS", "GP", "GPs", "ICB", "ICBs", "CQC", "MHRA", "NIHR", "UKHSA", "COPD", "ICU", "RSV", "MMR"),
        acronyms(1, "NICE", "HIV", "ADHD", "IVF", "MRI", "ICS", "A&E"),
        strong(
            "patient", "patients", "clinician", "clinicians", "clinical staff", "general practice", "primary care",
            "secondary care", "integrated care board", "integrated care system", "health and care",
            "health and social care", "social care", "healthcare", "health care", "health service", "health services",
            "health board", "public health", "NHS trust", "foundation trust", "hospital trust",
            "care quality commission", "nurse", "nurses", "nursing staff", "district nurse", "health visitor",
            "health visitors", "midwives", "paramedic", "paramedics", "ambulance service", "ambulance trust",
            "emergency department", "urgent care", "urgent and emergency care", "intensive care", "outpatient",
            "outpatients", "inpatient", "inpatients", "hospital admissions", "hospital discharge",
            "discharged from hospital", "virtual ward", "virtual wards", "hospital at home", "care home residents",
            "care home resident", "care home staff", "domiciliary care", "care workers", "care worker", "carers",
            "unpaid carers", "hospice", "palliative", "end of life care", "frailty", "dementia", "Alzheimer's",
            "delirium", "cancer", "cancers", "tumour", "oncology", "chemotherapy", "radiotherapy", "diabetes",
            "diabetic", "stroke", "heart failure", "heart disease", "cardiac", "cardiovascular", "hypertension",
            "blood pressure", "cholesterol", "atrial fibrillation", "kidney disease", "respiratory", "asthma",
            "long-term conditions", "long-term condition", "mental health", "mental illness", "psychiatric",
            "psychological therapies", "talking therapies", "autism", "autistic", "learning disabilities",
            "learning disability", "maternity", "neonatal", "antenatal", "postnatal", "stillbirth", "stillbirths",
            "pregnant women", "midwifery", "diagnosis", "diagnoses", "diagnosed", "clinical trial", "clinical trials",
            "clinical evidence", "physiotherapy", "physiotherapist", "occupational therapy", "pharmacist",
            "pharmacists", "prescription", "prescriptions", "prescribing", "prescribed", "medicines", "medication",
            "medications", "surgeon", "surgeons", "surgical", "radiology", "radiologist", "radiologists", "pathology",
            "medtech", "medical device", "medical devices", "healthy life expectancy", "health inequalities",
            "health inequality", "Core20PLUS5", "immunisation", "immunisations", "vaccine uptake", "flu vaccine",
            "flu vaccination", "flu jab", "flu jabs", "covid vaccine", "antibiotics", "antimicrobial",
            "infection control", "sepsis", "measles", "tuberculosis", "smoking cessation", "stop smoking service",
            "NHS Health Check", "elective care", "elective surgery", "elective recovery", "health innovation network",
            "social prescribing", "care pathway", "clinical pathway", "hip fracture", "falls prevention",
            "GP practice", "GP practices", "GP surgery", "GP surgeries", "dentist", "dentists", "dental",
            "optometrist", "audiology", "hearing loss", "sight loss", "obstetric", "paediatric", "paediatrics",
            "geriatric", "geriatrician", "epilepsy", "Parkinson's", "multiple sclerosis", "motor neurone disease",
            "arthritis", "osteoporosis", "weight management service", "eating disorders", "eating disorder",
            "self-harm", "suicide prevention", "substance misuse", "addiction services", "drug treatment",
            "alcohol treatment", "sexual health", "blood test", "blood tests", "biopsy", "symptoms", "cohort study",
            "randomised controlled trial", "randomized controlled trial", "peer-reviewed", "Department of Health",
            "Health Secretary", "health minister", "director of public health", "health and wellbeing board",
            "Healthwatch", "pharmacy first", "community pharmacy", "community pharmacies", "district nursing",
            "community nursing", "neighbourhood health", "care coordinator", "health coach",
            "remote patient monitoring",
            "telehealth", "telemedicine", "ill health", "illnesses", "diseases", "care home residents",
            "people living with frailty", "sugar tax", "sugary drinks", "soft drinks levy", "junk food",
            "childhood obesity", "tobacco", "smokefree", "alcohol harm", "minimum unit pricing", "health alert",
            "urgent community response", "admission avoidance", "emergency admissions", "vaccination programme",
            "screening programme", "bowel screening", "breast screening", "cervical screening", "lung health check",
            "hearing aids", "nursing associate", "nursing associates", "physician associate", "junior doctors",
            "resident doctors", "consultant psychiatrist", "allied health professionals", "health workers",
            "healthcare workers", "life sciences", "medical school", "medical students", "student nurses",
            "community hospital", "community hospitals", "blood samples", "pathology samples"),
        medium(
            "hospital", "hospitals", "clinic", "clinics", "clinical", "medical", "doctor", "doctors", "treatment",
            "treatments", "surgery", "ambulance", "ambulances", "vaccination", "vaccinations", "vaccine", "vaccines",
            "health", "illness", "disease", "infection", "infections", "therapy", "therapies", "symptom",
            "care home", "care homes", "nursing home", "nursing homes", "older people", "elderly", "mortality",
            "life expectancy", "flu", "influenza", "covid", "covid-19", "pandemic", "screening", "X-ray", "lung",
            "lungs", "kidney", "pharmacy", "pharmaceutical", "medicine", "waiting list", "waiting lists",
            "waiting times", "older adults", "disabled people", "pregnancy", "pregnant", "newborn", "babies",
            "health check", "health checks", "health innovation", "randomised", "randomized", "overdose",
            "obesity", "smoking", "vaping", "frail", "wheelchair", "immunity"),
        weak(
            "outbreak", "virus", "scan", "scans", "liver", "heart", "brain", "injury", "injuries", "pain", "sick",
            "sickness", "overweight", "alcohol", "drugs", "drug", "appointments", "carer", "residents' health",
            "disability", "birth", "births", "baby", "genomic", "genomics", "diagnostics", "diagnostic", "wellbeing",
            "sleep", "nutrition", "exercise"),
    ].flatMap { $0 }

    /// Evidence against: other subjects where health words turn up in another sense.
    public static let against: [ThemeTerm] = [
        against(
            1.5, "cattle", "cows", "livestock", "herd", "herds", "badger", "badgers", "equine", "horse", "horses",
            "racehorse", "dog", "dogs", "puppy", "puppies", "pet", "pets", "cat owners", "veterinary", "vet", "vets",
            "poultry", "sheep", "pigs", "farm animals", "wildlife", "hedgehog", "hedgehogs", "toads", "bird flu",
            "film", "films", "cinema", "movie", "premiere", "box office", "pantomime", "panto", "musical",
            "drama series", "TV drama", "hospital drama", "drama", "storyline", "filming", "new series", "soap",
            "episode", "actor", "actress", "box set"),
        against(
            1, "airport", "passengers", "flights", "airline", "aircraft", "jury", "court heard", "jailed", "sentenced",
            "defendant", "magistrates", "crown court", "property developer", "developers", "housing development",
            "planning permission", "flats", "apartments", "luxury homes", "estate agent", "homebuyers", "bank",
            "banking", "customers", "shoppers", "retailer", "retailers", "supermarket chain", "investors",
            "shareholders", "motorists", "potholes", "pothole", "roads", "railway", "rail", "bridge", "bridges",
            "traffic", "electricity", "grid", "broadband", "tidal", "wind farm", "power station", "sewage",
            "wastewater", "water company", "election", "by-election", "voters", "councillor", "councillors",
            "constituents", "Premier League", "league", "cricket", "rugby", "kick-off", "goalkeeper", "teachers",
            "pupils", "hospitality", "restaurants", "restaurant", "pubs", "hotel", "hotels", "chefs", "cars",
            "car maker", "carmaker", "vehicle", "vehicles", "economy", "inflation", "interest rates", "GDP",
            "stock market", "truce", "ceasefire", "troops", "military", "police officers", "fraud", "loan", "loans",
            "mortgage", "mortgages", "holiday", "holidays", "tourists", "weather forecast", "farmers", "farming",
            "crops", "computer virus", "malware", "software update", "logistics", "warehouse", "shipping", "port",
            "haulage", "debt", "debts", "pension credit", "council tax"),
        acronyms(1, "MP", "MPs"),
    ].flatMap { $0 }
}
