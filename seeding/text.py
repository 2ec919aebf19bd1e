"""Words for invented stories: titles, summaries and bodies that read like a cancer center's
news, combined from small parts so that 100,000 stories are not 100,000 copies of one.

Everything here is fiction: the people, trials and figures are invented.
"""

SUBJECTS = [
    "Massey researchers",
    "A Massey-led team",
    "Oncologists at Massey",
    "Massey nurses",
    "A new clinic at Massey",
    "Massey's survivorship program",
    "Radiation oncologists",
    "A multidisciplinary team",
    "Massey's community outreach team",
    "Pediatric oncologists",
]
ACTIONS = [
    "open a clinical trial of",
    "report early results with",
    "receive a grant to study",
    "expand access to",
    "publish new findings on",
    "launch a program for",
    "are honored for work on",
    "bring a new approach to",
    "share what patients should know about",
    "host a free event on",
]
TOPICS = [
    "immunotherapy for melanoma",
    "lung cancer screening",
    "CAR T-cell therapy",
    "breast cancer survivorship",
    "targeted therapy for leukemia",
    "colorectal cancer in young adults",
    "proton therapy",
    "HPV vaccination",
    "prostate cancer imaging",
    "tobacco cessation",
    "palliative care at home",
    "pancreatic cancer detection",
    "clinical trials in rural Virginia",
    "bone marrow transplant recovery",
    "nutrition during chemotherapy",
    "ovarian cancer genetics",
]
PLACES = ["Richmond", "Southside Virginia", "the Northern Neck", "Petersburg", "Danville"]
SENTENCES = [
    "The work builds on more than a decade of laboratory research at the cancer center.",
    "Patients who qualify can ask their oncologist about enrolling.",
    "The study will follow participants for five years after treatment ends.",
    "Screening remains the most effective way to find the disease early, when it is most "
    "treatable.",
    "Support groups meet monthly and are open to patients, survivors and caregivers.",
    "Funding comes from the National Cancer Institute and private donors.",
    "The team worked with community health workers to reach people who rarely see a doctor.",
    "Side effects were mild for most participants and were managed in the clinic.",
    "Results were presented at a national meeting and will be published later this year.",
    "Nurse navigators help each patient schedule appointments and understand their options.",
    "The program is free, and no referral is needed.",
    "Researchers will now test the approach in a larger group of patients.",
]
QUOTES = [
    "Every patient deserves access to the newest treatments close to home.",
    "This is the kind of progress that changes what we can offer families.",
    "We listened to our patients, and this program is what they asked for.",
    "Trials like this one are how today's research becomes tomorrow's standard of care.",
]
SPEAKERS = [
    ("Dr. Amara Bell", "medical oncologist"),
    ("Dr. Luis Navarro", "radiation oncologist"),
    ("Karen Cho, R.N.", "nurse navigator"),
    ("Dr. Priya Raman", "associate director for research"),
]
HEADINGS = ["What patients should know", "How it works", "Next steps", "Getting involved"]
TAGS = [
    "immunotherapy",
    "clinical trials",
    "screening",
    "survivorship",
    "radiation",
    "genetics",
    "prevention",
    "community",
]
