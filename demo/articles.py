"""The demo's stories, and the categories, authors and contacts they use, as plain data.

The IL-2 story is the real article the site was modelled on (see the seed text). Every other
story is invented for the demo: the people in them, their quotes and the figures are fictional.
Invented phone numbers use the 555-01xx range, which is reserved for fiction.

A story's ``body`` is a list of ``(block type, value)`` pairs matching news.blocks:

- ``("paragraph", "text")``: plain text; the loader escapes it and wraps it in <p>.
- ``("heading", "text")``: a section heading.
- ``("pull_quote", {"quote", "attribution", "attribution_role"})``.
- ``("contact", {"intro", "contact": CONTACT KEY})`` for a saved contact, or
  ``("contact", {"intro", "name", "phone", "email", ...})`` for details typed in.
- ``("image", {"image": IMAGE SPEC, "caption", "credit"})``.

An image spec says how to draw the picture (see demo.images) and what it shows:
``{"motif", "palette", "alt"}``, or ``{"portrait": True, "palette", "alt"}``.
"""

CATEGORIES = [
    {
        "name": "Clinical news",
        "slug": "clinical-news",
        "description": "New treatments, services and clinical trials open to patients at Massey.",
    },
    {
        "name": "Research",
        "slug": "research",
        "description": "Findings, grants and discoveries from Massey’s laboratories and research "
        "programs.",
    },
    {
        "name": "Community",
        "slug": "community",
        "description": "Screening events, outreach, support programs and the people who make "
        "them happen.",
    },
    {
        "name": "Awards and honors",
        "slug": "awards-and-honors",
        "description": "Recognition for Massey’s physicians, researchers, nurses, staff and "
        "volunteers.",
    },
]

AUTHORS = [
    {"name": "Melissa Mitchell", "slug": "melissa-mitchell", "role": "Communications"},
    {"name": "Dana Whitaker", "slug": "dana-whitaker", "role": "Senior writer"},
    {"name": "Samuel Ortiz", "slug": "samuel-ortiz", "role": "Science writer"},
    {"name": "Renee Holloway", "slug": "renee-holloway", "role": "Communications manager"},
]

# Contacts are found again by name on later runs, so names must stay unique.
CONTACTS = {
    "media-office": {
        "name": "Massey media office",
        "role": "Communications and marketing",
        "phone": "(804) 555-0147",
        "email": "media@example.org",
        "hours": "Monday to Friday, 8 a.m. to 5 p.m.",
    },
    "clinical-trials-office": {
        "name": "Massey clinical trials office",
        "role": "Patient enrollment",
        "phone": "(804) 555-0123",
        "email": "trials@example.org",
        "hours": "Monday to Friday, 8 a.m. to 4:30 p.m.",
    },
}

IL2_ARTICLE = {
    "title": "Massey becomes the only medical provider in Richmond to offer Interleukin-2 therapy",
    "date": "2015-05-11",
    "category": "clinical-news",
    "authors": ["melissa-mitchell"],
    "tags": ["immunotherapy", "melanoma", "kidney cancer", "interleukin-2"],
    "summary": "Massey now offers FDA-approved Interleukin-2 (IL-2) immunotherapy for metastatic "
    "melanoma and metastatic kidney cancer, making it the only provider in the Richmond area "
    "to do so. Surgical oncologist Giao Phan, M.D., leads the treatment.",
    "image": {
        "portrait": True,
        "palette": "teal",
        "alt": "Portrait of Giao Phan, M.D.",
        "title": "Giao Phan, M.D.",
        "description": "Placeholder head-and-shoulders silhouette standing in for a portrait "
        "of Giao Phan, M.D.",
    },
    "caption": "Giao Phan, M.D.",
    "featured": True,
    "body": [
        (
            "paragraph",
            "VCU Massey Cancer Center is now offering FDA-approved Interleukin-2 (IL-2) therapy "
            "for metastatic melanoma and metastatic renal cell carcinoma, making Massey the only "
            "medical provider in the Richmond area to offer this service. IL-2 treatment is a "
            "type of immunotherapy that stimulates the body’s immune system to recognize and "
            "kill tumor cells.",
        ),
        (
            "paragraph",
            "IL-2 is a type of cytokine signaling molecule that is produced by some immune cells "
            "to regulate the activities of other immune cells. IL-2 therapy uses a synthetic "
            "type of IL-2, a drug known by the name aldesleukin or Proleukin, to give the immune "
            "system a boost to fight cancer cells.",
        ),
        (
            "paragraph",
            "IL-2 therapy has the potential to cause durable anti-tumor responses that can last "
            "years or even decades. Despite this durability, IL-2 therapy is not commonly used "
            "due to its potentially severe side effects, which require specially trained and "
            "experienced physicians and nurses to administer the drug, as it has a narrow "
            "therapeutic window. But when administered correctly, IL-2 can be safe and is "
            "capable of causing long-term cancer regression in some patients with metastatic "
            "melanoma and renal cell carcinoma.",
        ),
        (
            "paragraph",
            "Massey surgical oncologist and cancer researcher Giao Q. Phan, M.D., has treated "
            "patients with this therapy since her immunotherapy fellowship at the National "
            "Cancer Institute, National Institutes of Health, in 1999 and is excited to be "
            "offering it at Massey.",
        ),
        (
            "pull_quote",
            {
                # The seed splits the quote around "says Dr. Phan"; joined here, the comma
                # after "correctly" becomes a full stop. The seed's double space (a
                # non-breaking space) after "safe drug." is a single space.
                "quote": "IL-2 has a bad reputation because it can cause a lot of side effects "
                "if not managed correctly. But if the physicians administering it are "
                "experienced and know how to address the side effects, it is a safe drug. The "
                "patients rebound quickly after the treatment is over. It is also a short "
                "treatment—not meant to be continual like a lot of other treatment options.",
                "attribution": "Dr. Phan",
                "attribution_role": "a member of the Developmental Therapeutics research "
                "program at Massey and an associate professor in the VCU Department of "
                "Surgery’s Division of Surgical Oncology",
            },
        ),
        (
            "paragraph",
            "Since Dr. Phan arrived at Massey in 2014, Richmond-area patients no longer have to "
            "travel more than an hour to an experienced IL-2 center. Now local patients can be "
            "screened in the outpatient setting to see if they are eligible to receive IL-2 "
            "treatment and if IL-2 treatment would be appropriate for them. If IL-2 therapy is "
            "recommended, it is given in an inpatient setting requiring approximately five days "
            "of hospitalization. While there are many good treatment choices available for "
            "melanoma and renal cell cancer patients, IL-2 therapy is a valid option that can "
            "be curative.",
        ),
        (
            "contact",
            {
                "intro": "To learn more about IL-2 therapy, please contact",
                "name": "Dr. Phan",
                "phone": "(804) 828-9325",
                # The seed lost the address (it ends "or email" with nothing after it), so
                # this is a placeholder on the reserved example.org domain.
                "email": "il2-therapy@example.org",
            },
        ),
    ],
}

ARTICLES = [
    {
        "title": "Massey researchers win $2.1 million grant to study why melanoma resists "
        "immunotherapy",
        "date": "2015-09-14",
        "category": "research",
        "authors": ["samuel-ortiz"],
        "tags": ["melanoma", "immunotherapy", "grants"],
        "summary": "A five-year federal grant will let a Massey team follow how melanoma cells "
        "hide from the immune system, and test ways to make immunotherapy work for more "
        "patients.",
        "image": {
            "motif": "cells",
            "palette": "teal",
            "alt": "Abstract illustration of pale blue and yellow circles on a teal background, "
            "suggesting cells under a microscope.",
        },
        "body": [
            (
                "paragraph",
                "A team of Massey scientists has received a five-year, $2.1 million grant to "
                "study why some melanomas stop responding to immunotherapy, and what might "
                "switch the response back on.",
            ),
            (
                "paragraph",
                "Immunotherapy drugs have changed the outlook for many people with advanced "
                "melanoma, but a large share of patients either never respond or relapse after "
                "an initial response. The team will compare tumor samples taken before and "
                "after treatment to find the changes that let cancer cells slip past the immune "
                "system.",
            ),
            (
                "paragraph",
                "“Every patient who stops responding teaches us something,” said principal "
                "investigator Hannah Kessler, Ph.D. “If we can read those changes early, we can "
                "adjust treatment before the cancer gets ahead.”",
            ),
            (
                "paragraph",
                "The grant also funds two graduate student positions and a shared tissue "
                "archive that other Massey researchers will be able to use.",
            ),
            (
                "contact",
                {
                    "intro": "Journalists who would like to speak with the team can contact the",
                    "contact": "media-office",
                },
            ),
        ],
    },
    {
        "title": "Mobile screening van brings mammograms to rural Southside Virginia",
        "date": "2016-03-02",
        "category": "community",
        "authors": ["dana-whitaker"],
        "tags": ["breast cancer", "screening", "outreach", "rural health"],
        "summary": "Massey’s new mobile mammography van will visit eight rural counties each "
        "month, offering screening close to home for women who live far from a hospital.",
        "image": {
            "motif": "dots",
            "palette": "rose",
            "alt": "Abstract illustration of a grid of small pink dots on a deep red background, "
            "with a few larger dots picked out.",
        },
        "body": [
            (
                "paragraph",
                "Women in eight Southside Virginia counties will soon be able to get a "
                "screening mammogram without driving to Richmond. Massey’s mobile mammography "
                "van begins its monthly route in April.",
            ),
            (
                "paragraph",
                "The van carries a digital mammography unit, a private changing area and two "
                "technologists. Results are read by Massey radiologists, and anyone who needs "
                "follow-up is helped by a patient navigator who arranges the next appointment.",
            ),
            (
                "paragraph",
                "Many of the stops are at community health centers and churches that helped "
                "plan the route. No one will be turned away because they lack insurance.",
            ),
            (
                "contact",
                {
                    "intro": "To book a screening on the van, call",
                    "name": "the community outreach team",
                    "phone": "(804) 555-0168",
                },
            ),
        ],
    },
    {
        "title": "Oncology nurse Teresa Alvarez receives regional nursing excellence award",
        "date": "2016-10-20",
        "category": "awards-and-honors",
        "authors": ["renee-holloway"],
        "tags": ["nursing", "awards"],
        "summary": "Teresa Alvarez, R.N., a nurse on Massey’s inpatient oncology unit for 14 "
        "years, has been honored for her work teaching patients and families to manage "
        "treatment at home.",
        "image": {
            "motif": "petals",
            "palette": "coral",
            "alt": "Abstract illustration of overlapping peach circles arranged like the "
            "petals of a flower on a dusky rose background.",
        },
        "body": [
            (
                "paragraph",
                "Teresa Alvarez, R.N., has received a regional award for excellence in nursing "
                "practice, recognizing 14 years of care on Massey’s inpatient oncology unit.",
            ),
            (
                "paragraph",
                "Colleagues who nominated her pointed to the discharge classes she started, "
                "which teach patients and their families how to manage side effects, medicines "
                "and warning signs once they are home.",
            ),
            (
                "paragraph",
                "“Teresa makes sure nobody leaves this floor feeling unprepared,” wrote one "
                "nominating nurse. Since the classes began, the unit has seen fewer patients "
                "return to the emergency department in the week after discharge.",
            ),
        ],
    },
    {
        "title": "New lung cancer clinic brings every specialist to a single visit",
        "date": "2017-04-18",
        "category": "clinical-news",
        "authors": ["melissa-mitchell"],
        "tags": ["lung cancer", "multidisciplinary care"],
        "summary": "Patients newly diagnosed with lung cancer can now meet their surgeon, "
        "medical oncologist, radiation oncologist and nurse navigator on the same day, and "
        "leave with a treatment plan.",
        "image": {
            "motif": "rings",
            "palette": "navy",
            "alt": "Abstract illustration of overlapping grey-blue rings on a dark navy "
            "background.",
        },
        "body": [
            (
                "paragraph",
                "A diagnosis of lung cancer used to mean weeks of separate appointments before "
                "a patient knew what treatment would look like. Massey’s new multidisciplinary "
                "lung cancer clinic brings those appointments together into a single visit.",
            ),
            ("heading", "How a clinic day works"),
            (
                "paragraph",
                "In the morning, the patient meets a nurse navigator and has any remaining "
                "scans. At midday the specialists review the case together. In the afternoon, "
                "the patient and family sit down with the team to talk through a plan.",
            ),
            (
                "paragraph",
                "The clinic meets every Tuesday. Referring physicians can send records ahead so "
                "that the team can review them before the visit.",
            ),
            (
                "contact",
                {
                    "intro": "To refer a patient or make an appointment, contact",
                    "name": "the lung cancer clinic",
                    "phone": "(804) 555-0175",
                    "email": "lungclinic@example.org",
                },
            ),
        ],
    },
    {
        "title": "Study links neighborhood food access to colorectal cancer outcomes",
        "date": "2017-11-06",
        "category": "research",
        "authors": ["samuel-ortiz"],
        "tags": ["colorectal cancer", "health equity", "nutrition"],
        "summary": "Patients living more than a mile from a full-service grocery store were less "
        "likely to finish chemotherapy on schedule, a Massey study of 1,200 patients found.",
        "image": {
            "motif": "mosaic",
            "palette": "leaf",
            "alt": "Abstract illustration of rounded green and yellow squares scattered over a "
            "dark green background, like a map of city blocks.",
        },
        "body": [
            (
                "paragraph",
                "Where a patient lives may affect how well they get through colorectal cancer "
                "treatment, according to a Massey study of about 1,200 patients treated over "
                "eight years.",
            ),
            (
                "paragraph",
                "Researchers mapped each patient’s home address against grocery store "
                "locations. Patients who lived more than a mile from a full-service grocery "
                "store, and had no car, were less likely to complete chemotherapy on schedule.",
            ),
            (
                "pull_quote",
                {
                    "quote": "Good nutrition helps people tolerate treatment. If the nearest "
                    "fresh food is two bus rides away, that is a medical problem, not just an "
                    "inconvenience.",
                    "attribution": "Rafael Duarte, M.D., M.P.H.",
                    "attribution_role": "the study’s senior author",
                },
            ),
            (
                "paragraph",
                "The team is now piloting grocery delivery for patients in treatment who live "
                "in areas with few food stores.",
            ),
        ],
    },
    {
        "title": "Survivors Day picnic draws more than 600 patients and families",
        "date": "2018-05-22",
        "category": "community",
        "authors": ["dana-whitaker"],
        "tags": ["survivorship", "events"],
        "summary": "Music, food and a walk of honor marked Massey’s annual celebration of cancer "
        "survivors, the largest in the event’s history.",
        "image": {
            "motif": "petals",
            "palette": "gold",
            "alt": "Abstract illustration of a ring of gold and cream circles, like a flower, "
            "on a charcoal background.",
        },
        "body": [
            (
                "paragraph",
                "More than 600 survivors, family members and staff gathered on Sunday for "
                "Massey’s annual Survivors Day picnic, the largest turnout since the event "
                "began.",
            ),
            (
                "paragraph",
                "The afternoon opened with a walk of honor, in which survivors were cheered "
                "along a path lined by nurses, physicians and volunteers. A local band played "
                "and children decorated a banner with messages of hope.",
            ),
            (
                "image",
                {
                    "image": {
                        "motif": "waves",
                        "palette": "amber",
                        "alt": "Abstract illustration of flowing cream and tan lines across a "
                        "warm brown background.",
                        "title": "Survivors Day banner pattern",
                    },
                    "caption": "The pattern on this year’s Survivors Day banner.",
                    "credit": "Illustration generated for the demo",
                },
            ),
            (
                "paragraph",
                "“Seeing this many people who have been through treatment, all in one place, "
                "is the best reminder of why we do this work,” said one oncology nurse.",
            ),
        ],
    },
    {
        "title": "Massey opens clinical trial of targeted therapy for advanced pancreatic cancer",
        "date": "2018-09-10",
        "category": "clinical-news",
        "authors": ["melissa-mitchell"],
        "tags": ["pancreatic cancer", "clinical trials", "targeted therapy"],
        "summary": "A new phase 2 trial at Massey is testing whether a targeted drug added to "
        "standard chemotherapy can slow advanced pancreatic cancer in patients whose tumors "
        "carry a specific genetic change.",
        "image": {
            "motif": "helix",
            "palette": "violet",
            "alt": "Abstract illustration of two intertwined purple and lilac strands, like a "
            "DNA helix, on a deep violet background.",
        },
        "body": [
            (
                "paragraph",
                "Massey has opened a phase 2 clinical trial for adults with advanced pancreatic "
                "cancer whose tumors carry a particular genetic change found in a minority of "
                "patients.",
            ),
            (
                "paragraph",
                "Participants receive standard chemotherapy plus a targeted drug designed to "
                "block the signal that the genetic change switches on. Tumor testing to see "
                "who qualifies is done at no cost to the patient.",
            ),
            (
                "pull_quote",
                {
                    "quote": "Pancreatic cancer has had very few new options. Matching "
                    "treatment to the biology of each tumor is where we see the most promise.",
                    "attribution": "Mei Tanaka, M.D.",
                    "attribution_role": "the trial’s principal investigator at Massey",
                },
            ),
            (
                "paragraph",
                "The trial plans to enroll 60 patients at Massey and four partner sites.",
            ),
            (
                "contact",
                {
                    "intro": "To ask whether you may be eligible, contact the",
                    "contact": "clinical-trials-office",
                },
            ),
        ],
    },
    {
        "title": "Dr. Lucas Brennan receives early-career award for breast cancer research",
        "date": "2019-02-04",
        "category": "awards-and-honors",
        "authors": ["renee-holloway", "samuel-ortiz"],
        "tags": ["breast cancer", "awards"],
        "summary": "Massey physician-scientist Lucas Brennan, M.D., Ph.D., has been recognized "
        "by a national cancer research foundation for his work on why some breast cancers "
        "return years after treatment.",
        "image": {
            "motif": "columns",
            "palette": "slate",
            "alt": "Abstract illustration of rising sand-coloured columns, like a bar chart, "
            "on a dark slate background.",
        },
        "body": [
            (
                "paragraph",
                "Lucas Brennan, M.D., Ph.D., a medical oncologist and researcher at Massey, has "
                "received a national early-career investigator award for his studies of breast "
                "cancer dormancy.",
            ),
            (
                "paragraph",
                "His laboratory studies cancer cells that lie quiet in the body for years after "
                "treatment before starting to grow again. Understanding what wakes them could "
                "lead to ways of keeping them asleep for good.",
            ),
            (
                "paragraph",
                "The award includes two years of research funding and will support a new "
                "study using samples donated by Massey patients.",
            ),
            (
                "contact",
                {"intro": "For interviews, contact the", "contact": "media-office"},
            ),
        ],
    },
    {
        "title": "Massey lab finds protein that helps leukemia cells survive chemotherapy",
        "date": "2019-08-15",
        "category": "research",
        "authors": ["samuel-ortiz"],
        "tags": ["leukemia", "drug resistance", "basic science"],
        "summary": "Blocking a single protein made leukemia cells far more sensitive to "
        "chemotherapy in laboratory studies, pointing toward a possible combination treatment.",
        "image": {
            "motif": "cells",
            "palette": "plum",
            "alt": "Abstract illustration of lilac and purple circles with darker centres on a "
            "plum background, suggesting blood cells.",
        },
        "body": [
            (
                "paragraph",
                "Researchers at Massey have identified a protein that helps acute myeloid "
                "leukemia cells repair the damage chemotherapy causes, allowing some of them to "
                "survive treatment and seed a relapse.",
            ),
            ("heading", "What the team found"),
            (
                "paragraph",
                "In cells grown in the laboratory and in mouse models, switching off the "
                "protein made leukemia cells up to five times more likely to die after "
                "chemotherapy, while healthy blood cells were largely unaffected.",
            ),
            (
                "image",
                {
                    "image": {
                        "motif": "dots",
                        "palette": "violet",
                        "alt": "Abstract illustration of a grid of small dots with a scattering "
                        "of larger purple and yellow dots, like a microscope slide.",
                        "title": "Leukemia study illustration",
                    },
                    "caption": "An illustration of a cell culture plate, where each dot is a "
                    "sample.",
                    "credit": "Illustration generated for the demo",
                },
            ),
            (
                "pull_quote",
                {
                    "quote": "Relapse is the biggest problem in leukemia. If we can take away "
                    "one of the cells’ escape routes, chemotherapy may finish the job.",
                    "attribution": "Victor Nguyen, Ph.D.",
                    "attribution_role": "who led the study",
                },
            ),
            ("heading", "What comes next"),
            (
                "paragraph",
                "Drugs that block the protein already exist for other uses. The team is "
                "working with Massey clinicians to design an early-phase trial.",
            ),
        ],
    },
    {
        "title": "Telehealth visits keep cancer care on track during the pandemic",
        "date": "2020-04-07",
        "category": "clinical-news",
        "authors": ["melissa-mitchell"],
        "tags": ["telehealth", "covid-19", "patient care"],
        "summary": "Massey has moved many follow-up appointments to video and phone visits so "
        "that patients can keep seeing their care team while limiting trips to the hospital.",
        "image": {
            "motif": "dots",
            "palette": "sky",
            "alt": "Abstract illustration of a grid of light blue dots on a blue gradient "
            "background, with a few dots highlighted.",
        },
        "body": [
            (
                "paragraph",
                "To protect patients whose immune systems may be weakened by treatment, Massey "
                "has moved many follow-up and survivorship appointments to secure video and "
                "telephone visits.",
            ),
            (
                "paragraph",
                "Treatments such as chemotherapy, radiation and surgery continue in person, "
                "with screening at every entrance and extra space between chairs in the "
                "infusion areas.",
            ),
            (
                "paragraph",
                "Patients do not need to do anything to switch. A member of the care team will "
                "call ahead of each appointment to explain how the visit will happen.",
            ),
            (
                "contact",
                {
                    "intro": "Questions about an upcoming appointment can go to",
                    "name": "the appointment line",
                    "phone": "(804) 555-0110",
                    "hours": "Monday to Friday, 7:30 a.m. to 6 p.m.",
                },
            ),
        ],
    },
    {
        "title": "Virtual 5K raises $140,000 for patient support services",
        "date": "2020-10-01",
        "category": "community",
        "authors": ["dana-whitaker"],
        "tags": ["fundraising", "events", "patient support"],
        "summary": "Nearly 1,500 runners and walkers took part from 19 states, raising money for "
        "rides to treatment, meals and emergency help with bills.",
        "image": {
            "motif": "waves",
            "palette": "amber",
            "alt": "Abstract illustration of flowing cream and tan lines across a warm brown "
            "background, like the path of a race.",
        },
        "body": [
            (
                "paragraph",
                "This year’s Massey 5K went virtual, and participants went the distance: almost "
                "1,500 people from 19 states ran or walked their own routes and raised more than "
                "$140,000.",
            ),
            (
                "paragraph",
                "The money supports services that insurance rarely covers, including rides to "
                "treatment, meals during long infusion days and emergency help with rent or "
                "utility bills.",
            ),
            (
                "paragraph",
                "Teams posted photos from neighborhood loops, treadmills and one hospital "
                "parking deck. The top fundraising team, made up of a patient’s coworkers, "
                "raised over $9,000.",
            ),
        ],
    },
    {
        "title": "Massey joins national network studying cancer in adolescents and young adults",
        "date": "2021-06-14",
        "category": "research",
        "authors": ["samuel-ortiz"],
        "tags": ["young adults", "clinical trials", "survivorship"],
        "summary": "Membership gives patients aged 15 to 39 access to more clinical trials and "
        "adds Massey’s data to national research on the cancers that affect this age group.",
        "image": {
            "motif": "rings",
            "palette": "mint",
            "alt": "Abstract illustration of overlapping mint-green rings on a deep green "
            "background.",
        },
        "body": [
            (
                "paragraph",
                "Massey has joined a national research network focused on adolescents and young "
                "adults with cancer, a group whose outcomes have improved more slowly than those "
                "of children or older adults.",
            ),
            (
                "paragraph",
                "Through the network, patients aged 15 to 39 will be able to join trials that "
                "were previously open only at a handful of centers.",
            ),
            (
                "pull_quote",
                {
                    "quote": "Young adults fall between pediatric and adult medicine. This "
                    "network makes sure they are not left out of research.",
                    "attribution": "Amara Okafor, M.D.",
                    "attribution_role": "Massey’s lead for the network",
                },
            ),
            (
                "paragraph",
                "Massey will also contribute to studies of fertility preservation, returning to "
                "school and work, and long-term effects of treatment.",
            ),
        ],
    },
    {
        "title": "Massey volunteers honored for 20,000 hours of service",
        "date": "2021-11-30",
        "category": "awards-and-honors",
        "authors": ["renee-holloway"],
        "tags": ["volunteers", "awards"],
        "summary": "From greeting patients to knitting caps for the infusion center, Massey’s "
        "volunteers logged more than 20,000 hours this year and received the health system’s "
        "annual service award.",
        "image": {
            "motif": "mosaic",
            "palette": "coral",
            "alt": "Abstract illustration of rounded peach and cream squares on a dusky rose "
            "background, like a patchwork quilt.",
        },
        "body": [
            (
                "paragraph",
                "Massey’s volunteer program has received the health system’s annual service "
                "award after its members logged more than 20,000 hours this year.",
            ),
            (
                "paragraph",
                "Volunteers greet patients at the front desk, push the comfort cart through the "
                "infusion center, and knit caps and blankets. Many are survivors or family "
                "members of patients.",
            ),
            (
                "paragraph",
                "The program is looking for new volunteers for weekday mornings. Training takes "
                "two half-days.",
            ),
            (
                "contact",
                {"intro": "To learn about volunteering, contact the", "contact": "media-office"},
            ),
        ],
    },
    {
        "title": "CAR T-cell therapy now available at Massey for adults with lymphoma",
        "date": "2022-03-21",
        "category": "clinical-news",
        "authors": ["melissa-mitchell", "samuel-ortiz"],
        "tags": ["immunotherapy", "lymphoma", "car t-cell therapy"],
        "summary": "Adults with certain lymphomas that have returned after other treatments can "
        "now receive CAR T-cell therapy, in which a patient’s own immune cells are engineered "
        "to attack cancer, without leaving Richmond.",
        "image": {
            "motif": "cells",
            "palette": "violet",
            "alt": "Abstract illustration of lilac and yellow circles with bright centres on a "
            "deep violet background, suggesting immune cells.",
        },
        "body": [
            (
                "paragraph",
                "Massey now offers CAR T-cell therapy for adults with certain types of lymphoma "
                "that have come back or stopped responding to other treatments.",
            ),
            ("heading", "How the treatment works"),
            (
                "paragraph",
                "Doctors collect a patient’s T cells, a type of immune cell, from the blood. "
                "The cells are engineered in a laboratory to recognize the lymphoma, multiplied "
                "and then given back to the patient in a single infusion.",
            ),
            (
                "paragraph",
                "Patients stay nearby for about a month afterward so the team can watch for "
                "side effects, which can be serious but are usually manageable when caught "
                "early.",
            ),
            (
                "pull_quote",
                {
                    "quote": "For some patients who had run out of options, CAR T-cell therapy "
                    "has led to long remissions. Now they can get it close to home.",
                    "attribution": "Jamal Carter, M.D.",
                    "attribution_role": "director of Massey’s cellular therapy program",
                },
            ),
            (
                "contact",
                {
                    "intro": "Physicians who would like to refer a patient can contact",
                    "name": "the cellular therapy program",
                    "role": "referrals",
                    "phone": "(804) 555-0139",
                    "email": "cellulartherapy@example.org",
                },
            ),
        ],
    },
    {
        "title": "Free skin cancer screenings at farmers markets reach 400 residents",
        "date": "2022-09-08",
        "category": "community",
        "authors": ["dana-whitaker"],
        "tags": ["skin cancer", "screening", "outreach", "melanoma"],
        "summary": "Massey dermatologists and volunteers set up shaded screening tents at "
        "Richmond farmers markets this summer, checking 400 people and referring 31 for a "
        "closer look.",
        "image": {
            "motif": "petals",
            "palette": "amber",
            "alt": "Abstract illustration of overlapping cream and tan circles, like a sun or "
            "flower, on a warm brown background.",
        },
        "body": [
            (
                "paragraph",
                "Shoppers at three Richmond farmers markets could pick up tomatoes and a skin "
                "check on the same Saturday morning this summer.",
            ),
            (
                "paragraph",
                "Massey dermatologists and trained volunteers screened 400 people in shaded "
                "tents. Thirty-one were referred for a follow-up appointment, and several "
                "early melanomas have since been treated.",
            ),
            (
                "paragraph",
                "Volunteers also handed out sunscreen and wide-brimmed hats, and talked with "
                "families about sun safety for children.",
            ),
        ],
    },
    {
        "title": "Trial tests whether exercise can ease fatigue during chemotherapy",
        "date": "2023-05-03",
        "category": "research",
        "authors": ["samuel-ortiz"],
        "tags": ["clinical trials", "exercise", "fatigue", "survivorship"],
        "summary": "A new Massey study will compare a coached home exercise program with usual "
        "care for people starting chemotherapy, to see whether moving more means feeling less "
        "tired.",
        "image": {
            "motif": "waves",
            "palette": "leaf",
            "alt": "Abstract illustration of flowing light green and yellow lines on a dark "
            "green background, suggesting movement.",
        },
        "body": [
            (
                "paragraph",
                "Fatigue is the side effect patients most often say affects their daily life. A "
                "new Massey trial is testing whether a simple exercise program can help.",
            ),
            (
                "paragraph",
                "Half of the participants will receive a coached home walking and strength "
                "program with a wearable activity tracker; the other half will receive usual "
                "care. Both groups will report their energy levels every week.",
            ),
            (
                "pull_quote",
                {
                    "quote": "We ask patients to rest, and sometimes that is right. But there "
                    "is good reason to think gentle, regular activity can give people energy "
                    "back.",
                    "attribution": "Sarah Lindqvist, Ph.D.",
                    "attribution_role": "the study’s principal investigator",
                },
            ),
            (
                "paragraph",
                "Adults starting chemotherapy for any type of cancer may be eligible.",
            ),
            (
                "contact",
                {"intro": "To find out more, contact the", "contact": "clinical-trials-office"},
            ),
        ],
    },
    {
        "title": "Massey’s patient navigation program wins national quality award",
        "date": "2023-12-12",
        "category": "awards-and-honors",
        "authors": ["renee-holloway"],
        "tags": ["patient navigation", "awards", "health equity"],
        "summary": "The program, which guides patients from an abnormal test result to the start "
        "of treatment, was recognized for cutting the average wait to a first treatment by "
        "nine days.",
        "image": {
            "motif": "columns",
            "palette": "gold",
            "alt": "Abstract illustration of rising gold and cream columns, like a bar chart, "
            "on a charcoal background.",
        },
        "body": [
            (
                "paragraph",
                "Massey’s patient navigation program has received a national award for "
                "improving the quality of cancer care.",
            ),
            (
                "paragraph",
                "Navigators meet patients soon after an abnormal test result and stay with them "
                "through diagnosis and the start of treatment, arranging appointments, rides "
                "and interpreters and answering questions along the way.",
            ),
            (
                "pull_quote",
                {
                    "quote": "A navigator is the person you can call when you do not know who "
                    "to call.",
                    "attribution": "Keisha Moore, R.N.",
                    "attribution_role": "the program’s nurse manager",
                },
            ),
            (
                "paragraph",
                "Since the program expanded, the average time from diagnosis to first treatment "
                "has fallen by nine days, with the largest improvement among patients from rural "
                "counties.",
            ),
            (
                "contact",
                {"intro": "For more about the award, contact the", "contact": "media-office"},
            ),
        ],
    },
    {
        "title": "Every patient with advanced cancer now offered tumor genetic testing",
        "date": "2024-06-18",
        "category": "clinical-news",
        "authors": ["melissa-mitchell"],
        "tags": ["precision medicine", "genetic testing", "targeted therapy"],
        "summary": "Massey now offers comprehensive genetic testing of the tumor to every patient "
        "diagnosed with advanced cancer, to match more people with targeted treatments and "
        "clinical trials.",
        "image": {
            "motif": "helix",
            "palette": "navy",
            "alt": "Abstract illustration of two intertwined grey-blue strands, like a DNA "
            "helix, on a dark navy background.",
        },
        "body": [
            (
                "paragraph",
                "Every Massey patient diagnosed with advanced cancer is now offered "
                "comprehensive genetic testing of their tumor as part of their first course of "
                "care.",
            ),
            ("heading", "Why test the tumor"),
            (
                "paragraph",
                "Tumor testing looks for changes in cancer cells’ genes that some newer drugs "
                "are designed to target. Finding one can open the door to a treatment or a "
                "clinical trial that would otherwise be missed.",
            ),
            (
                "image",
                {
                    "image": {
                        "motif": "mosaic",
                        "palette": "sky",
                        "alt": "Abstract illustration of rounded blue and white squares in "
                        "rows, suggesting a genetic test report.",
                        "title": "Tumor testing illustration",
                    },
                    "caption": "Each test reads hundreds of genes from a small tissue sample.",
                    "credit": "Illustration generated for the demo",
                },
            ),
            (
                "paragraph",
                "A tumor board of specialists reviews every result and recommends treatment "
                "options. Genetic counselors are available for patients whose results suggest "
                "an inherited risk that family members may share.",
            ),
        ],
    },
    {
        "title": "Cancer prevention program partners with 30 Richmond congregations",
        "date": "2025-02-25",
        "category": "community",
        "authors": ["dana-whitaker"],
        "tags": ["prevention", "screening", "outreach", "health equity"],
        "summary": "Trained church members will share information about screening, vaccines and "
        "healthy living, and help neighbors book appointments, in a program led by the "
        "congregations themselves.",
        "image": {
            "motif": "dots",
            "palette": "plum",
            "alt": "Abstract illustration of a grid of small lilac dots on a plum background, "
            "with a few brighter dots standing out.",
        },
        "body": [
            (
                "paragraph",
                "Thirty Richmond congregations have joined a Massey cancer prevention program "
                "that trains church members as health ambassadors.",
            ),
            (
                "paragraph",
                "Ambassadors share information about cancer screening, HPV vaccination and "
                "quitting smoking, and help neighbors book screening appointments. Each "
                "congregation chooses the topics that matter most to its members.",
            ),
            (
                "paragraph",
                "“People trust the folks they sit next to on Sunday,” said one ambassador. “If I "
                "tell my friend I got my colonoscopy and I’m fine, that goes a long way.”",
            ),
            (
                "contact",
                {
                    "intro": "Congregations interested in joining can contact",
                    "name": "the community outreach team",
                    "phone": "(804) 555-0168",
                    "email": "outreach@example.org",
                },
            ),
        ],
    },
    {
        "title": "Massey receives $8 million to expand lung cancer screening research",
        "date": "2025-09-16",
        "category": "research",
        "authors": ["samuel-ortiz"],
        "tags": ["lung cancer", "screening", "grants"],
        "featured": True,
        "summary": "Only a small share of people eligible for lung cancer screening get it. A "
        "five-year grant will test ways to reach more of them in clinics across Virginia.",
        "image": {
            "motif": "columns",
            "palette": "sky",
            "alt": "Abstract illustration of rising light blue and white columns, like a bar "
            "chart, on a blue gradient background.",
        },
        "body": [
            (
                "paragraph",
                "Massey has received an $8 million, five-year grant to study how to bring lung "
                "cancer screening to more of the people who qualify for it.",
            ),
            (
                "paragraph",
                "Yearly low-dose CT scans can find lung cancer early, when it is most treatable, "
                "in people with a long history of smoking. Yet most people who are eligible "
                "have never been screened.",
            ),
            ("heading", "Three approaches"),
            (
                "paragraph",
                "The study will compare reminders from primary care clinics, visits from "
                "patient navigators and a mobile CT unit, in 24 clinics across urban and rural "
                "Virginia.",
            ),
            (
                "paragraph",
                "Results will help health systems decide where to put their effort, and the "
                "study will also offer help quitting smoking to every participant who wants it.",
            ),
            (
                "contact",
                {
                    "intro": "For interviews with the research team, contact the",
                    "contact": "media-office",
                },
            ),
        ],
    },
    {
        "title": "Massey opens expanded infusion center with 40 treatment chairs",
        "date": "2026-04-09",
        "category": "clinical-news",
        "authors": ["melissa-mitchell"],
        "tags": ["infusion center", "patient care", "chemotherapy"],
        "featured": True,
        "summary": "The new infusion center nearly doubles capacity, with private bays, natural "
        "light and an on-site pharmacy that shortens waits for treatment.",
        "image": {
            "motif": "mosaic",
            "palette": "teal",
            "alt": "Abstract illustration of rounded pale blue and yellow squares on a teal "
            "background, like windows in a building.",
        },
        "body": [
            (
                "paragraph",
                "Patients receiving chemotherapy, immunotherapy and other infusions at Massey "
                "now have a larger, brighter place to do it. The expanded infusion center opened "
                "this week with 40 treatment chairs, up from 22.",
            ),
            ("heading", "Designed with patients"),
            (
                "paragraph",
                "A group of patients and family members helped plan the space. Their requests "
                "included private bays with doors, chairs by the windows, room for a companion "
                "and phone chargers within reach.",
            ),
            (
                "image",
                {
                    "image": {
                        "motif": "rings",
                        "palette": "sky",
                        "alt": "Abstract illustration of overlapping light blue rings on a blue "
                        "gradient background.",
                        "title": "Infusion center illustration",
                    },
                    "caption": "Circular skylights bring daylight into the treatment bays.",
                    "credit": "Illustration generated for the demo",
                },
            ),
            (
                "pull_quote",
                {
                    "quote": "Some of our patients spend six hours in a chair. Everything in "
                    "this space was chosen to make those hours easier.",
                    "attribution": "Keisha Moore, R.N.",
                    "attribution_role": "nurse manager",
                },
            ),
            (
                "paragraph",
                "An on-site pharmacy prepares medicines next to the treatment area, which is "
                "expected to cut the average wait between check-in and the start of an infusion "
                "by about 30 minutes.",
            ),
            (
                "contact",
                {
                    "intro": "Patients with questions about their infusion appointments can "
                    "contact",
                    "name": "the infusion center front desk",
                    "phone": "(804) 555-0152",
                    "hours": "Monday to Saturday, 7 a.m. to 7 p.m.",
                },
            ),
        ],
    },
    {
        "title": "Massey researcher receives national award for cancer health equity work",
        "date": "2026-10-27",
        "category": "awards-and-honors",
        "authors": ["renee-holloway"],
        "tags": ["health equity", "awards", "prevention"],
        "summary": "Rafael Duarte, M.D., M.P.H., has been honored for a decade of research on "
        "how where people live shapes their cancer care, and for turning findings into "
        "programs in Richmond neighborhoods.",
        "image": {
            "motif": "rings",
            "palette": "rose",
            "alt": "Abstract illustration of overlapping pink rings on a deep red background.",
        },
        "body": [
            (
                "paragraph",
                "Rafael Duarte, M.D., M.P.H., has received a national award recognizing his "
                "research on differences in cancer outcomes between neighborhoods.",
            ),
            (
                "paragraph",
                "His work has shown how distance to grocery stores, transportation and "
                "broadband access affect whether patients complete treatment, and has led to "
                "Massey programs offering grocery delivery, ride vouchers and loaned tablets for "
                "video visits.",
            ),
            (
                "pull_quote",
                {
                    "quote": "The goal was never just to describe the gaps. It was to close "
                    "them, one program at a time.",
                    "attribution": "Dr. Duarte",
                },
            ),
            (
                "paragraph",
                "Dr. Duarte will deliver the award lecture at a national meeting next spring.",
            ),
            (
                "contact",
                {"intro": "To arrange an interview, contact the", "contact": "media-office"},
            ),
        ],
    },
]
