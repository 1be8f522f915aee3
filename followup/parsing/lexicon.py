"""Words that mark what a phrase is: job titles, company legal forms, countries. Shared by
the name, signature and free-text readers (it imports nothing of theirs)."""

from __future__ import annotations

import functools
import re

from followup.parsing import rx

TITLE_WORDS = rx.Remembered(rx.compile(  # asked again and again: answers kept (see rx)
    r"\b(?:ceo|cto|cfo|coo|cmo|cio|cpo|cso|cro|cdo|ciso|cco|chro|md|bd|bdm|bdr|sdr|"
    r"(?<!\d )(?<!\d)pm|vp|svp|evp|avp|"
    r"president|founder|co-founder|cofounder|"
    r"director|directeur|directrice|directora|head|manager|managing|lead|engineer|scientist|"
    r"officer|partner|associate|analyst|consultant|architect|sre|developer|designer|"
    r"responsable|chef|cheffe|leiter|leiterin|geschäftsführer|geschäftsführerin|gerente|jefe|"
    r"jefa|ingénieur|ingénieure|ingeniero|ingeniera|specialist|coordinator|advisor|adviser|"
    r"principal|senior|staff|chair|chairman|owner|recruiter|editor|professor|researcher|"
    r"fellow|assistant|counsel|attorney|producer|representative|executive|administrator|"
    r"strategist|buyer|purchasing|procurement|sales|accountant|controller|treasurer|"
    r"secretary|intern|student|physio|therapist|doctor|nurse|lawyer|journalist|writer|"
    r"teamlead|teamleiter|vertrieb|referent|referentin|sachbearbeiter|prokurist|vorstand|"
    r"inhaber|inhaberin|gründer|gründerin|fondateur|fondatrice|fundador|fundadora|socio|"
    r"socia|associé|associée|chargé|chargée|directeur|product|marketing|growth|operations|"
    r"gm|investor|investment|paralegal|physician|surgeon|teacher|"
    r"councillor|ambassador|evangelist|advocate|rep|broker|agent|realtor|photographer|"
    r"artist|author|curator|organi[sz]er|moderator|board member|trustee|"
    r"superintendent|supervisor|technician|economist|auditor|"
    r"underwriter|actuary|pharmacist|dentist|veterinarian|architecte|avocat|avocate|"
    # sig9: the trades and sciences a signature or a card names ("Estimator at X Pty Ltd")
    r"estimator|surveyor|foreman|forewoman|planner|scheduler|inspector|dispatcher|"
    r"agronomist|chemist|geologist|biologist|statistician|mechanic|electrician|"
    r"dietitian|nutritionist|optometrist|"
    r"abogado|abogada|médico|médica|arzt|ärztin|anwalt|anwältin|professeur|profesor|"
    r"profesora|investigador|investigadora|chercheur|chercheuse|forscher|forscherin|"
    r"especialista|spécialiste|specialista|spezialist|spezialistin|onderzoeker|"
    r"oberarzt|oberärztin|chefarzt|chefärztin|assistenzarzt|assistenzärztin|einkäufer|"
    r"einkäuferin|berater|beraterin|ingenieur|ingenieurin|entwickler|entwicklerin|"
    r"direktor|direktorin|abteilungsleiter|abteilungsleiterin|"
    r"président|présidente|gérant|gérante|acheteur|acheteuse|conseiller|conseillère|"
    r"délégué|déléguée|commercial|commerciale|technicien|technicienne|"
    r"presidente|presidenta|coordinador|coordinadora|consultor|consultora|asesor|asesora|"
    r"analista|técnico|técnica|comercial|vendedor|vendedora|"
    r"cap de|directiu|directiva|responsable|"
    r"direttore|direttrice|dirigente|amministratore|titolare|ingegnere|ricercatore|"
    r"ricercatrice|avvocato|enologo|enologa|consulente|commerciale|responsabile|referente|"
    r"sommelier|chef de projet|product owner|"
    # (p-people8) the wine and food trade's own roles, in the parser's languages
    r"œnologue|oenologue|enólogo|enóloga|enòleg|enòloga|önologe|önologin|winemaker|"
    r"sommelière|sumiller|caviste|maître de chai|chef de cave|kellermeister|kellermeisterin|"
    # Portuguese, Dutch, Polish and the Nordic languages
    r"diretor|diretora|coordenador|coordenadora|responsável|gestor|gestora|sócio|sócia|"
    # (p-lang12) more Portuguese roles: a board's administrator, an adviser, a buyer, an owner
    r"administrador|administradora|assessor|assessora|comprador|compradora|proprietário|"
    r"proprietária|"
    r"hoofd|inkoop|inkoper|verkoop|oprichter|eigenaar|bedrijfsleider|adviseur|"
    r"dyrektor|dyrektorka|kierownik|kierowniczka|prezes|wiceprezes|specjalista|"
    r"specjalistka|założyciel|założycielka|właściciel|właścicielka|"
    r"vd|direktør|inköpschef|försäljningschef|innkjøpssjef|salgssjef|indkøbschef|"
    r"salgschef|grundare|grundlægger|gründer|ansvarig|ansvarlig|daglig leder|"
    # sig9: Ukrainian, Russian, Bulgarian and Serbian titles in Cyrillic
    r"директор|директорка|керівник|керівниця|руководитель|менеджер|менеджерка|начальник|"
    r"начальниця|заступник|заступниця|інженер|инженер|головний|главный|засновник|"
    r"засновниця|основатель|президент|консультант|аналітик|аналитик|бухгалтер|управител|"
    r"управляющий|спеціаліст|специалист)\b"
    # people (p-people): feminine and short forms, French and Italian acronyms, and the roles
    # of schools, clinics and farms ("amministratrice delegata", "resp. produzione", "DAF",
    # "docente di agronomia", "enginyera de producte", "agronoma")
    r"|\b(?:amministratrice|amministratore|resp|respons|dir|daf|drh|dsi|pdg|dga|dg|rssi|raf|"
    r"docente|professoressa|insegnante|agronomo|agronoma|agronome|agrónomo|agrónoma|"
    r"enginyer|enginyera|tècnic|tècnica|directora|gerenta|subdirector|subdirectora|"
    r"jefe de|encargado|encargada|contable|contador|contadora|comptable|arquitecto|"
    r"arquitecta|enfermera|enfermero|farmacéutico|farmacéutica|veterinario|veterinaria|"
    r"dottore|dottoressa|medico|infermiere|infermiera|farmacista|architetto|geometra|"
    r"commercialista|ragioniere|ragioniera|agente|procuratore|capo|caporeparto|"
    r"sindaco|assessore|consigliere|presidentessa|vicepresidente|vice-president|"
    r"vicepresident|vizepräsident|vizepräsidentin|lehrerin|dozent|dozentin|"
    r"apotheker|apothekerin|steuerberater|steuerberaterin|architekt|architektin|"
    r"koordinator|koordinatorin|projektleiter|assistent|assistentin|"
    # (p-lang12) English roles given the German feminine ending ("Cofounderin", "Managerin")
    r"co-founderin|cofounderin|founderin|managerin|partnerin|analystin|consultantin|"
    r"designerin|developerin|recruiterin|officerin|teamleaderin|"
    r"enseignant|enseignante|infirmier|infirmière|pharmacien|pharmacienne|comptable|"
    r"ingeniero|ingeniera|engenheiro|engenheira|analista|gerente|supervisora|"
    r"coordinatrice|coordinatore|direttrice|diretora|chefe|encarregado|encarregada|"
    r"zaakvoerder|zaakvoerster|bestuurder|vennoot|medewerker|medewerkster|algemeen directeur|"
    r"directrice|toimitusjohtaja|myyntipäällikkö|johtaja|päällikkö|vd|prezes zarządu|"
    r"jednatel|jednatelka|ředitel|ředitelka|ügyvezető|igazgató|valdes priekšsēdētājs|"
    r"direktorius|direktorė|juhatuse liige|müügijuht|tegevjuht|projektijuht|"
    # departments given as the role ("Sabine Vogel (Einkauf, Kranwerk GmbH)")
    r"einkauf|compras|achats|acquisti|zakupy|inköp|indkøb|innkjøp|gerent|"
    r"prokuristin|vorständin|sachbearbeiterin|teamleiterin|geschäftsleiterin|"
    r"personalabteilung|recursos humanos|ressources humaines|risorse umane)\b"
    # people (p-people2): cofounders in more languages ("cofundador de X", "Mitgründerin") and
    # angels ("angel", "business angel"; a capitalised "Angel" alone is a given name)
    r"|\b(?:cofundador|cofundadora|co-fundador|co-fundadora|cofondateur|cofondatrice|"
    r"co-fondateur|co-fondatrice|cofondatore|cofondatrice|co-fondatore|mitgründer|"
    r"mitgründerin|mitbegründer|mitbegründerin|medgrundare|medeoprichter|medstifter|"
    r"współzałożyciel|współzałożycielka|cofundadors|angel investor|business angel|"
    r"(?-i:angel))\b"
    # roles of Danish, Norwegian and Swedish notes ("rådgiver i X AS", "säljare på Y AB")
    r"|\b(?:rådgiver|rådgivare|konsulent|säljare|sælger|selger|utvikler|utvecklare|udvikler|"
    r"ingeniør|ingenjör|sjef|leder|ledare|projektleder|prosjektleder|projektledare|"
    r"økonomisjef|ekonomichef|økonomichef|advokat|revisor|forsker|forskare|"
    r"driftsleder|driftschef|direktör|grundlegger|medgründer|styreleder|styrelseordförande|"
    # and of universities ("lecturer at X", "Dekanin", "postdoc")
    r"lecturer|postdoc|dean|provost|registrar|chancellor|vice-chancellor|rector|rektor|"
    r"rektorin|dekan|dekanin|doyen|doyenne|decano|decana|preside|maître de conférences|"
    # and of investors ("GP at X Capital", "EIR @ Y Ventures", "scout for Z")
    r"gp|eir|scout|entrepreneur in residence|general partner|"
    # titles typed short ("eng mgr @ X", "acct mgr", "sr engr")
    r"mgr|mngr|engr|eng mgr|eng lead|eng manager)\b"
    # people (p-people3): feminine forms of the academy and the clinic ("Professorin an der
    # Hochschule X", "Juniorprofessorin", "Lehrbeauftragte", "Wissenschaftlerin")
    r"|\b(?:professorin|juniorprofessor|juniorprofessorin|lehrbeauftragter|lehrbeauftragte|"
    r"wissenschaftler|wissenschaftlerin|doktorand|doktorandin|professeure|investigatrice|"
    r"ricercatrice|investigadora|pesquisador|pesquisadora|professora)\b"
    # people (p-people5): a deputy's title written as one word with its prefix ("Subgerente",
    # "sotsdirectora", "sous-directrice", "vicedirettore", "Vizedirektorin", "subjefe")
    r"|\b(?:sub|sots|sous-|vice|vice-|vize|adjunt[oa]? )(?:gerente|gerenta|gerent|directora?|"
    r"directeur|directrice|direttore|direttrice|direktor|direktorin|jefe|jefa|cap|chef|"
    r"cheffe|responsable|coordinador|coordinadora|diretor|diretora)\b"
    # people (p-people7): boards and supervisory boards, French analysts, Italian technicians
    # and chairs, the German short "GF" ("Beirätin", "analyste principale", "tecnico di
    # laboratorio", "ordinaria di biochimica")
    r"|\b(?:beirat|beirätin|aufsichtsrat|aufsichtsrätin|vorsitzender|vorsitzende|gf|"
    r"geschäftsführung|analyste|tecnico|tecnica|ordinario|ordinaria|administrateur|"
    r"administratrice|consejero|consejera|conselheiro|conselheira|commissaris)\b"
    # people (p-people9): juniors, recruiters, dispatchers and lab roles as notes write them
    # in lower case after a name ("recruteur interne", "dottoranda", "practicante",
    # "group leader", "Disponent", "bioinformatico")
    r"|\b(?:recruteur|recruteuse|reclutador|reclutadora|recrutador|recrutadora|selezionatore|"
    r"selezionatrice|dottorando|dottoranda|doctorando|doctoranda|doctorant|doctorante|"
    r"doutorando|doutoranda|phd student|phd candidate|practicante|becario|becaria|stagiaire|"
    r"alternant|alternante|tirocinante|stagista|praktikant|praktikantin|werkstudent|"
    r"werkstudentin|trainee|apprentice|estagiário|estagiária|disponent|disponentin|"
    r"leader|team leader|group leader|chef d'équipe|capo progetto|bioinformatico|"
    r"bioinformatica|bioinformatician|bioinformaticien|bioinformaticienne|bioinformático|"
    r"bioinformática|biologo|biologa|biólogo|bióloga|biologiste|chimico|"
    r"chimica|químico|química|chimiste|juriste|jurist|juristin|vendeur|vendeuse|"
    r"verkäufer|verkäuferin|außendienst|innendienst|key account|account executive|"
    r"geschäftsleitung|geschäftsleiter)\b"
    # people (p-people11): the trades and drawing offices of a works ("Konstrukteur",
    # "Monteurin", "Technikerin", "progettista", "proyectista", "dessinateur")
    r"|\b(?:konstrukteur|konstrukteurin|monteur|monteurin|techniker|technikerin|mechaniker|"
    r"mechanikerin|mechatroniker|mechatronikerin|elektriker|elektrikerin|buchhalter|"
    r"buchhalterin|controllerin|außendienstmitarbeiter|außendienstmitarbeiterin|"
    r"progettista|disegnatore|disegnatrice|proyectista|projeteur|projeteuse|dessinateur|"
    r"dessinatrice|mécanicien|mécanicienne|électricien|électricienne|mecánico|mecánica|"
    r"electricista|meccanico|elettricista|tekenaar)\b"
    # German compounds: Vertriebsleiter, Geschäftsführerin, Produktmanager
    r"|\w{3,}(?:leiter|leiterin|führer|führerin|direktor|direktorin|manager|managerin|"
    r"referent|referentin|berater|beraterin|ingenieur|ingenieurin|entwickler|entwicklerin)\b"
    # (p-people10) Dutch, Nordic and Finnish compounds: projectleider, förvaltningschef,
    # avdelingsleder, hankintapäällikkö, markkinointijohtaja
    r"|\w{3,}(?:leider|leidster|chef|sjef|leder|ledare|päällikkö|johtaja)\b",
    re.IGNORECASE,
))
# Legal forms as companies write them, before or after the name ("SIA Dzintars", "Acme
# GmbH", "Wisła Systems Sp. z o.o."); a dot may be protected as ONE DOT LEADER (see protect).
LEGAL_FORMS = (
    "GmbH", "gGmbH", "GmbH & Co. KG", "AG", "KG", "KGaA", "OHG", "UG", "GbR", "e.V.", "e.K.",
    "SE", "AS", "ASA", "A/S", "ApS", "AB", "Oy", "Oyj", "ehf.", "hf.", "BV", "B.V.", "NV",
    "N.V.", "BVBA", "CVBA", "SRL", "S.R.L.", "SPRL", "SCRL", "SA", "S.A.", "SAS", "S.A.S.",
    "SASU", "SARL", "S.à r.l.", "EURL", "SCOP", "SL", "S.L.", "S.L.U.", "SLU", "S.A.U.",
    "SCCL", "S.Coop.", "S.p.A.", "SpA", "S.r.l.", "Srl", "S.n.c.", "S.a.s.", "S.A. de C.V.",
    "SA de CV", "S. de R.L.", "S. de R.L. de C.V.", "S.A.C.", "SAC", "S.A.A.", "E.I.R.L.",
    "Ltda.", "Ltda", "LTDA", "S.A.S", "EIRELI", "SIA", "UAB", "AB", "OÜ", "OU", "AS", "Kft.",
    "Kft", "Zrt.", "Zrt", "Nyrt.", "Bt.", "Sp. z o.o.", "sp. z o.o.", "S.A.", "s.r.o.",
    "a.s.", "spol. s r.o.", "d.o.o.", "d.d.", "AD", "EOOD", "OOD", "S.R.L", "Lda.", "Lda",
    "Ltd", "Ltd.", "Limited", "LLC", "L.L.C.", "LLP", "LP", "Inc", "Inc.", "Corp", "Corp.",
    "Co.", "PLC", "plc", "Pty", "Pty Ltd", "Pte", "Pte. Ltd.", "Sdn Bhd", "Bhd", "Pvt. Ltd.",
    "K.K.", "KK", "Co., Ltd.", "inc.", "inc", "ltd.", "ltd", "Ltée", "ltée", "Ltee",
    # people (p-people): forms as typed in lower case or written in other ways, which are no
    # words of any language ("vesuvio packaging srl", "Minas Agro ltda", "PT Nusa Cold Chain",
    # "Kft", "Tbk"), and forms of Indonesia, Malaysia, Romania, the Balkans, Turkey
    "srl", "s.r.l.", "gmbh", "ltda", "ltda.", "s.a.s.", "s.l.", "s.p.a.", "sarl", "b.v.",
    "n.v.", "oü", "kft.", "s.r.o.", "a.s.", "sp.j.", "S.C.", "S.A.R.L.", "S.C.S.",
    "SNC", "S.N.C.", "PT", "Tbk", "Tbk.", "Sdn. Bhd.", "S.R.L.", "A.Ş.", "Ltd. Şti.",
    "d.o.o.e.l.", "DOOEL", "S.A.P.I. de C.V.", "S. de R.L. de C.V.", "SAPI de CV", "S.C.A.",
    "S.L.L.", "SLL", "Sagl", "Sàrl", "Soc. Coop.", "GmbH & Co. KG", "PartG", "mbB",
    "(Pty) Ltd", "(Pty) Limited", "(Pvt) Ltd", "(Private) Limited", "(Pvt.) Ltd.",
    # people (p-people3): the two-word forms of Singapore, India and Australia as typed
    # without their dots ("Pte Ltd", "Pvt Ltd"): "Pte" alone would end the name before "Ltd"
    "Pte Ltd", "Pte. Ltd", "Pte Ltd.", "Pvt Ltd", "Pvt Ltd.", "Pvt. Ltd", "Pty. Ltd.",
    "Pty Ltd.", "Pte. Limited", "Private Limited", "Sdn. Bhd",
    # sig9: the forms of Ukraine, Russia, Bulgaria and Serbia in Cyrillic ("ТОВ «X»")
    "ТОВ", "ТзОВ", "ПрАТ", "ПАТ", "ПП", "ООО", "ОАО", "ЗАО", "ПАО", "АО", "ЕООД", "ООД",
    "АД", "ЕАД", "д.о.о.", "ДОО",
    # sig10: the forms of Egypt, Turkey's compound forms, the Gulf's (free-zone companies,
    # W.L.L., P.J.S.C., SAOG), Vietnam's JSC, and the two-word forms typed in lower case
    "S.A.E.", "SAE", "San. ve Tic. A.Ş.", "San. ve Tic. Ltd. Şti.", "Tic. Ltd. Şti.",
    "FZ-LLC", "FZ LLC", "FZE", "FZCO", "FZ-CO", "DMCC", "W.L.L.", "WLL", "PJSC", "P.J.S.C.",
    "PSC", "P.S.C.", "SAOG", "S.A.O.G.", "K.S.C.", "Q.P.S.C.", "JSC", "J.S.C.",
    "pvt ltd", "pvt. ltd.", "pvt. ltd", "pte ltd", "pte. ltd.", "pty ltd", "sdn bhd",
    "sdn. bhd.", "co., ltd.", "co. ltd", "co ltd", "llc", "llp", "plc",
    # p-sig11: "Limited" spelled out after Pte/Pty/Pvt, and the one-partner SARL of the
    # Maghreb ("SARL AU", "SARLAU", Tunisia's "SUARL")
    "Pte Limited", "Pty Limited", "Pty. Limited", "Pvt Limited", "Pvt. Limited",
    "SARL AU", "SARL A.U.", "S.A.R.L. AU", "S.A.R.L.A.U.", "SARLAU", "SUARL",
    # p-people12: Colombia's public-service firms ("Aguas del Valle S.A. E.S.P."), in either case
    "S.A. E.S.P.", "S.A.S. E.S.P.", "E.S.P.", "s.a. e.s.p.", "s.a.s. e.s.p.", "e.s.p.",
)
DOT = "\u2024"  # ONE DOT LEADER: a dot inside a legal form, so that it ends no sentence


# "Karoo Ledger (Pty) Ltd": the brackets of a legal form are protected too (see protect)
OPEN, CLOSE = "\u2768", "\u2769"  # MEDIUM LEFT/RIGHT PARENTHESIS ORNAMENT
_BRACKETED_FORM = rx.compile(r"\((Pty|Pvt\.?|Private)\)(?=\s+(?:Ltd|Limited)\b)")


def _form_pattern(form: str) -> str:
    return re.escape(form).replace(r"\.", f"[.{DOT}]").replace(r"\ ", r"\s+") \
        .replace(r"\(", f"[({OPEN}]").replace(r"\)", f"[){CLOSE}]")


_FORMS_RE = "|".join(_form_pattern(f) for f in rx.longest_first(LEGAL_FORMS))
# A legal form as a whole word (not "as" the English word: upper case only for the short
# ones that are words in some language)
LEGAL_FORM = rx.compile(rf"(?<![\w.{DOT}])(?:{_FORMS_RE})(?![\w])")
# people (p-people3): what follows a form's dot when that dot ends the sentence: a capital,
# an address ("Ltd. ana@x.example"), or a lower-case word that opens a terse note's next
# sentence ("Pvt Ltd. met her at ...", "Inc. pls call"); "Inc. and" goes on the sentence
_SENTENCE_NEXT = rx.compile(r"[ \t]+(?:[A-ZÀ-Ý]|[^\s@]+@|(?:met|meet|saw|she|he|they|we|i|"
                            r"pls|please|spoke|talked|chatted|call|ping|email|mail|tel|ph|"
                            r"mob|cell|f/u|fu|follow|conocí|hablé|rencontré|getroffen)\b)")


COMMA = "\u201a"  # SINGLE LOW-9 QUOTATION MARK: the comma inside "VP Sales, EMEA"
_SCOPES = (
    "EMEA", "APAC", "AMER", "AMERICAS", "Americas", "LATAM", "LatAm", "Latam", "NA", "NAM",
    "Nordics", "Nordic", "DACH", "Benelux", "BeNeLux", "Iberia", "CEE", "MENA", "SEA", "ANZ",
    "UK&I", "UKI", "Europe", "Asia", "Africa", "Asia Pacific", "Asia-Pacific",
    "North America", "South America", "Latin America", "Middle East", "Global",
    "International", "Worldwide", "Western Europe", "Eastern Europe", "Central Europe",
    "Northern Europe", "Southern Europe", "Central & Eastern Europe", "US", "USA", "UK",
    "Europa", "Europa Central", "Amérique latine", "Lateinamerika", "Nordeuropa",
    "Amérique du Nord", "Amérique du Sud", "Amérique Latine", "América Latina",
    "Latinoamérica", "América del Norte", "América del Sur", "Norteamérica", "Sudamérica",
    "Südamerika", "Nordamerika", "América do Norte", "América do Sul", "Nord America",
    "Sud America", "America Latina", "Europe du Nord", "Europe de l'Ouest", "Europe de l'Est",
    "Europa Occidentale", "Europa Orientale", "Europa Occidental", "Europa del Este",
    "Westeuropa", "Osteuropa", "Asie", "Asien", "Ásia", "Afrique", "África", "Afrika",
    "Medio Oriente", "Oriente Medio", "Moyen-Orient", "Naher Osten", "Asie-Pacifique",
    "Asia-Pacífico", "Mittel- und Osteuropa",
)
# "Sud Italia", "Northern Germany", "France Sud": a part of a country is a scope too
_PARTS = ("North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
          "Central", "Nord", "Sud", "Süd", "Ost", "West", "Norte", "Sur", "Sul", "Est",
          "Ouest", "Centro", "Mittel", "Nordest", "Nord-Est", "Nord-Ouest", "Sud-Est",
          "Sud-Ouest")


# people (p-people2): more regions a title is scoped to ("Head of Legal, Nordics & Baltics",
# "Director, Sub-Saharan Africa", "Country Manager, Balkans")
_MORE_SCOPES = (
    "Baltics", "Baltic States", "Baltic", "Baltikum", "Scandinavia", "Skandinavien",
    "Balkans", "Caribbean", "Gulf", "GCC", "Levant", "Maghreb", "Oceania", "Pacific",
    "Sub-Saharan Africa", "SSA", "South Asia", "Southeast Asia", "South-East Asia",
    "Greater China", "Emerging Markets", "LAC", "Francophone Africa", "Anglophone Africa",
    "Pays baltes", "Países bálticos", "Paesi baltici", "Baltische Staaten", "Norden",
    "Pays nordiques", "Países nórdicos", "Paesi nordici", "Asia Pacific & Japan", "APJ",
    # (p-people10) the parts of a continent or country that have their own name ("Head of
    # BD, West Coast", "gerente comercial, Cono Sur", "Director, Southern Africa")
    "West Coast", "East Coast", "Gulf Coast", "Midwest", "Northeast", "Northwest",
    "Southeast", "Southwest", "Pacific Northwest", "Cono Sur", "Southern Cone", "Cone Sul",
    "Southern Africa", "East Africa", "West Africa", "North Africa", "Central Africa",
    "Central America", "Centroamérica", "Mittelamerika", "Amérique centrale",
    # (p-people12) Africa's regional blocs and the Andes ("Head of Partnerships, SADC")
    "SADC", "ECOWAS", "EAC", "COMESA", "Andean Region", "Andes", "Región Andina",
)
# a department or field after a title's comma is its scope too ("VP, Global Partnerships",
# "Senior Fellow, Health Economics", "Director, Regulatory Affairs"): every word one of
# these, the last a department
_DEPARTMENTS = (
    r"Partnerships|Alliances|Payments|Sales|Marketing|Operations|Ops|Strategy|Engineering|"
    r"Product|Products|Finance|Legal|Research|Economics|Policy|Affairs|Relations|"
    r"Development|Communications|Comms|Procurement|Purchasing|Growth|Talent|People|HR|IT|"
    r"Data|Analytics|Design|Innovation|Compliance|Risk|Treasury|Investments|Success|"
    r"Supply Chain|Logistics|Partnerships|Platform|Infrastructure|Security|Sustainability|"
    r"Expansion|Acquisition|Accounts|Programs|Programmes|Ventures|Impact|Lending|Credit|"
    r"Commercial|Sourcing|Recruitment|Recruiting|Hiring|Content|Brand|Care|Health|Medicine|"
    r"Science|Sciences|Technology|Trading|Markets|Banking|Insurance|Cloud|Retail|"
    # (p-people7) the functions of insurers, banks, regulators and product teams
    r"Claims|Underwriting|Reinsurance|Reporting|Regulation|Audit|Tax|Accounting|Controlling|"
    r"Governance|Pricing|Planning|Quality|Manufacturing|Production|Distribution|Support|"
    r"Merchandising|Buying|Wealth|Payroll|Facilities|UX|UI|Experience|Services|"
    # (p-people12) "Director, Digital Channels", "Head, Key Accounts"
    r"Channels|Channel")
_DEPT_MODIFIERS = (
    r"Global|Strategic|International|Corporate|Public|Regulatory|Digital|Enterprise|"
    r"Government|Investor|Channel|Business|Customer|Client|Clinical|Product|Regional|"
    r"Institutional|Private|Consumer|Merchant|Partner|Financial|Health|Global Strategic|"
    r"Technical|Scientific|Medical|Cross-Border|New|Key|Major|National|Developer|Creator|"
    r"Community|Capital|Impact|Climate|Energy|Growth|Data|Talent|People|Risk|Brand|"
    # (p-people7) lines of business ("Marine Claims", "Downstream Regulation", "Retail Lending")
    r"Marine|Cargo|Property|Casualty|Life|Motor|Commercial|Retail|Wholesale|Upstream|"
    r"Downstream|Midstream|Mobile|Web|Payments|Card|Cards|Group|Operational|Financial")
# what may follow a title's scope: the line's end, a comma or bracket, a dash, or the
# preposition of the employer (shared by _DEPT_RE and _scope_re)
# (p-people12: and the slash between a list item's fields, "Head of Sales, DACH / Brightlane")
_SCOPE_END = (r"(?=[ \t]*(?:$|[\n,.;:()]|[ \t]+(?:--|[-–—|/])[ \t]|"
              r"[ \t]+(?:at|@|bei|chez|en|di|de|in|for|with|und|and|y|et|e|presso|am|im|of)\b))")
# (p-people7: the department may carry its region: "Director, Marine Claims APAC")
_REGION_AFTER = "|".join(re.escape(n) for n in rx.longest_first((*_SCOPES, *_MORE_SCOPES)))
_DEPT_RE = rx.compile(
    rf",[ \t]*(?:(?:{_DEPT_MODIFIERS}|{_DEPARTMENTS})[ \t]+(?:(?:&|and)[ \t]+)?){{0,3}}"
    rf"(?:{_DEPARTMENTS})(?:[ \t]+(?:{_REGION_AFTER}))?"
    rf"{_SCOPE_END}")


# people (p-people5): the departments Spanish, Catalan, French, Italian, Portuguese and German
# titles name after their "de" ("Jefe de Logística", "directora de Exportación", "cap de
# Vendes", "responsable des Achats", "Leiter Einkauf"), singular and plural
_ROMANCE_DEPARTMENTS = (
    r"Exportaci[óo]n|Exportaciones|Exportaci[óo]|Exportacions|Exportations?|Esportazioni?|"
    r"Exporta[çc][ãa]o|Exporta[çc][õo]es|Importaci[óo]n|Importaciones|Export|Import|"
    r"Ventas|Vendes|Ventes|Vendite|Vendas|Vertrieb|Compras|Compres|Achats|Acquisti|Einkauf|"
    r"Log[íi]stica|Logistique|Finanzas|Finances|Finan[çc]es|Finanze|Finan[çc]as|Finanzen|"
    r"Operaciones|Operacions|Op[ée]rations|Operazioni|Opera[çc][õo]es|"
    r"Innovaci[óo]n|Innovaci[óo]|Innovazione|Inova[çc][ãa]o|Calidad|Qualitat|Qualit[ée]|"
    r"Qualit[àa]|Qualidade|Producci[óo]n|Producci[óo]|Produzione|Produ[çc][ãa]o|"
    r"Comunicaci[óo]n|Comunicaci[óo]|Comunicazione|Comunica[çc][ãa]o|Tecnolog[íi]a|"
    r"Proyectos|Projectes|Projets|Progetti|Projetos|Recursos Humanos|Ressources humaines|"
    r"Risorse umane|Personal|Personalwesen|Marketing|Mercadeo|Comercial|Commerciale|"
    r"Desarrollo de Negocio|Expansi[óo]n|Sostenibilidad|Sostenibilit[àa]|Durabilit[ée]|"
    r"Clientes|Clients|Clienti|Atenci[óo]n al Cliente|Enoturismo|Enoturisme|Oenotourisme|"
    # (p-people7) information technology and services: "jefe de TI", "Services bancaires"
    r"TI|IT|Sistemas|Inform[áa]tica|Informatique|Informatica|Informàtica|Services|Servicios|"
    r"Serveis|Servizi|Servi[çc]os|Tecnologias da Informa[çc][ãa]o|"
    # (p-people8) treasury, risk, accounting, legal, compliance, research and quality in the
    # parser's languages, and German, Dutch and Polish departments ("Diego Luna, riesgos",
    # "Ute Kern, Qualität", "Joris, Inkoop"): a list item's bare department is its title
    r"Tesorer[íi]a|Tresoreria|Tr[ée]sorerie|Tesouraria|Riesgos|Riscos|Risques|Rischi|Riscs|"
    r"Contabilidad|Comptabilitat|Comptabilit[ée]|Contabilit[àa]|Contabilidade|"
    r"Jur[íi]dico|Jur[íi]dic|Juridique|Legale|Auditor[íi]a|Cumplimiento|Conformit[ée]|"
    r"Investigaci[óo]n|Recherche|Ricerca|Pesquisa|Recerca|Mantenimiento|Manutenzione|"
    r"Manuten[çc][ãa]o|Qualit[äa]t|Qualit[äa]tssicherung|Entwicklung|Forschung|"
    r"Konstruktion|Technik|Produktion|Logistik|Buchhaltung|Rechnungswesen|Recht|"
    r"Beschaffung|Fertigung|Instandhaltung|Kundenservice|Inkoop|Verkoop|Kwaliteit|"
    r"Financi[ëe]n|Techniek|Logistiek|Productie|Onderzoek|Zakupy|Sprzeda[żz]|"
    r"Jako[śs][ćc]|Logistyka|Finanse|Produkcja|Ksi[ęe]gowo[śs][ćc]")
# people (p-people7): a Romance department after a title's comma, with its adjectives
# ("directrice principale, Ventes institutionnelles chez X", "gerente regional, Ventas
# corporativas en Y", "responsabile, Vendite estero presso Z"): the title's scope
_ROMANCE_DEPT_RE = rx.compile(
    rf",[ \t]*(?i:{_ROMANCE_DEPARTMENTS})(?:[ \t]+(?-i:[a-zà-ÿ])[\w'’-]{{2,}}){{0,2}}{_SCOPE_END}")


# people (p-people7): a unit or region named with its noun after a title's comma, in any
# case ("Kierownik sprzedaży, region zachodni", "Head of Sales, Region North at X", "jefe de
# ventas, zona centro", "responsable grands comptes, secteur Ouest"): the title's scope
_UNIT_SCOPE_RE = rx.compile(
    r",[ \t]*(?i:region|región|région|regione|região|regio|rejon|zona|zone|area|área|àrea|"
    r"division|división|divisione|divisão|dział|oddział|segment|sector|secteur|settore|"
    r"setor|territory|territorio|territoire|território|bereich|gebiet|"
    # (a department or lab of a university or institute: "Professora agregada, Departament
    # de Bioquímica", "Cap de grup, Laboratori de Neurobiologia", "Lecturer, Department of
    # Molecular Biology")
    r"department|departament|departamento|département|dipartimento|abteilung|afdeling|"
    r"laboratori|laboratorio|laboratoire|laboratory|labor|lab|servei|servicio|servizio|"
    r"unitat|unidad|unité|unità|unit|lehrstuhl|institut für|cátedra|càtedra|chaire)"
    rf"(?:[ \t]+[^\W\d_][\w'’-]*){{1,3}}{_SCOPE_END}"
    # (p-people10) or the unit's noun last: "Deputy Director, Southern Region", "Plant
    # Manager, Visayas Ops", "Sales Lead, Central Division"
    r"|,[ \t]*(?:[A-ZÀ-Ý][\w'’-]*[ \t]+){1,3}(?:Region|Regions|Ops|Operations|Division|"
    rf"Territory|Territories|Zone|Cluster|Circle|Belt|Province|Provinces|States){_SCOPE_END}")


# people (p-people4): a phrase of department words only ("Marketing", "Sales & Growth"):
# after "Diretora de" a department even though a firm's name may hold such a word
_ANY_DEPARTMENT = rf"(?:{_DEPARTMENTS}|{_ROMANCE_DEPARTMENTS})"
DEPARTMENT_ONLY = rx.compile(rf"{_ANY_DEPARTMENT}(?:[ \t]*(?:&|and|y|i|e|et|und)?[ \t]*"
                             rf"{_ANY_DEPARTMENT})*", re.IGNORECASE)


# "Partner, Lagos office, X & Co.", "Associate, Nairobi hub": the office someone sits in
_OFFICE_RE = rx.compile(
    r",[ \t]*[A-ZÀ-Ý][\w'’-]+(?:[ \t]+[A-ZÀ-Ý][\w'’-]+)?[ \t]+(?i:office|hub|branch|desk|"
    r"büro|bureau|oficina|ufficio|kontor|kantoor|escritório|sede)"
    r"(?=[ \t]*(?:$|[\n,.;:()]|[ \t]+[-–—|][ \t]|[ \t]+(?:at|@|bei|chez|en|di|de|of)\b))")


# people (p-people4): a part of a continent as French, Spanish, Catalan, Italian and
# Portuguese write it, with its small word ("Europe du Sud", "África del Norte", "Europa
# dell'Est", "Amèrica del Sud", "Afrique de l'Ouest"), and German's one-word forms
_CONTINENTS = ("Europe", "Europa", "Afrique", "África", "Àfrica", "Africa", "Amérique",
               "América", "Amèrica", "America", "Asie", "Ásia", "Àsia", "Asia")
_PARTICLES = ("du", "de l'", "del", "dell'", "do", "da", "de", "de la", "dels")
_POINTS = ("Nord", "Sud", "Est", "Ouest", "Norte", "Sur", "Sul", "Este", "Oeste", "Oest",
           "Centre", "Centro", "Sud-Est", "Sud-Ouest", "Sudeste", "Sureste", "Nord-Est")
_GERMAN_PARTS = tuple(p + c for p in ("Süd", "Nord", "West", "Ost", "Mittel", "Südost")
                      for c in ("europa", "afrika", "amerika", "asien"))


# (one compact alternative, not every combination listed: the pattern stays quick to build)
_PARTICLE_SCOPE = (
    "(?:" + "|".join(map(re.escape, _CONTINENTS)) + r")[ \t]+(?:de[ \t]+la|de[ \t]+l'|dell'|"
    r"del|dels|du|do|da|de)[ \t]*(?:" + "|".join(map(re.escape, rx.longest_first(_POINTS))) + ")")


def _scope_names() -> list[str]:
    from followup.parsing.countries_data import DATA
    from followup.parsing.places import COUNTRY_NAMES

    # (p-people10: every country, from phonenumbers' names: "VP Sales, India", "Directeur, Maroc")
    return [*_SCOPES, *_MORE_SCOPES, *_GERMAN_PARTS,  # (p-people4: German parts)
            *(n for names in COUNTRY_NAMES.values() for n in names), *DATA.split("|")]


@functools.lru_cache(maxsize=1)
def _scope_re() -> re.Pattern[str]:
    names = "|".join(re.escape(n) for n in rx.longest_first(_scope_names()))
    names = f"{_PARTICLE_SCOPE}|{names}"  # (p-people4) "Europe du Sud", "África del Norte"
    parts = "|".join(re.escape(n) for n in rx.longest_first(_PARTS))
    # ("West & Central Africa": two parts of one region)
    one = rf"(?:(?:{parts})(?:[ \t]*(?:&|and|und|et|y|/)[ \t]*(?:{parts}))?[ \t]+)?(?:{names})" \
        rf"(?:[ \t]+(?:{parts}))?"
    # (p-people10) a point of the compass alone is the title's region ("Responsable Grands
    # Comptes, Ouest", "Key Account Manager, Nord")
    one = rf"(?:{one}|(?:{parts})(?:[ \t]*(?:&|and|und|et|y|/)[ \t]*(?:{parts}))?)"
    # "Nordics & Baltics", "DACH and CEE", "Angola & Moçambique": a region joined to another
    # (the second may be one the lists lack)
    return rx.compile(
        rf",[ \t]*{one}(?:[ \t]*(?:&|and|und|et|y|e|/)[ \t]*(?:{one}|[A-ZÀ-Ý][\w'’-]+))?"
        rf"{_SCOPE_END}")


# people (p-people12): the words that open a person's employer, one entry each, the readers'
# patterns built from them. After a title ("CMO at X", "Leiterin Einkauf bei Y", "directrice
# chez Z", "jefa de compras en W", "responsabile presso V", "CTO hos U", "head of sales w T"):
EMPLOYER_AFTER_TITLE = ("at", "@", "bei", "beim", "chez", "en", "presso", "em", "na", "bij",
                        "hos", "på", "w")
# ... for whom one works ("consultant for X", "Berater für Y", "pour Z", "para W", "per V")
EMPLOYER_FOR = ("for", "für", "pour", "para", "per")
# ... after a name ("Ana Gil from X", "Jan Ruiz von Y", "Eva Lind of Z", "Marco Neri di W",
# "Sem Jansen van V"; the Swiss "vo" only in lower case: "Vo" is also a family name)
EMPLOYER_AFTER_NAME = ("from", "frm", "of", "von", "vom", "van", "bij", "bei", "de", "di",
                       "da", "del", "chez", "at", "@")


def preps_pattern(*groups: tuple[str, ...]) -> str:
    """A non-capturing alternation of the words of some of the groups above, longest first."""
    return "(?:" + "|".join(re.escape(w) for w in rx.longest_first(
        w for g in groups for w in g)) + ")"


# the prepositions that name a title's employer
_TITLE_EMPLOYER_PREPS = preps_pattern(EMPLOYER_AFTER_TITLE)


# "Head of Product, Payments at Coppergate", "SVP, Clinical Partnerships at X", "Head of
# Growth, Andes, en Cafetal Pagos": any capitalised phrase between a title's comma and the
# preposition that names the employer (in the parser's languages) is the title's scope
_AREA_RE = rx.compile(
    r",[ \t]*(?:[A-ZÀ-Ý][\w&'’-]*(?:[ \t]+(?:&|and|und|et|y|e|[A-ZÀ-Ý][\w&'’-]*)){0,3})"
    # (a second scope may stand before the employer: "Director, Partnerships, West Africa at X")
    r"(?=(?:,[ \t]*[A-ZÀ-Ý][\w&'’-]*(?:[ \t]+(?:&|and|[A-ZÀ-Ý][\w&'’-]*)){0,3})?"
    # (p-people5: a bracketed scope may close it: "Director, Fleet Sales (Midwest) at X")
    r"(?:[ \t]+\([A-ZÀ-Ý][^()\n,@]{0,30}\))?"
    rf",?[ \t]+{_TITLE_EMPLOYER_PREPS}[ \t]+(?!the\b)[A-ZÀ-Ý0-9])")


_CLAUSE_CUT = rx.compile(r"[\n,;:(.|]|\s[-–—/]\s|[—–]|['’]s\s|\b(?:is|was|ist|est|es|è|é)\s",
                         re.IGNORECASE)


# people (p-people10): "Principal Geologist, Pilbara & Goldfields, Spinifex Resources Ltd": a
# capitalised phrase between a title's comma and a firm that a legal form marks (or a
# university) is the title's scope, whatever region or unit it names
_BEFORE_FIRM_RE = rx.compile(
    r",[ \t]*[A-ZÀ-Ý][\w'’-]*(?:[ \t]+(?:&|and|y|et|e|und|[A-ZÀ-Ý][\w'’-]*)){0,3}"
    r"(?=[ \t]*(?:,|[ \t][-–—][ \t])[ \t]*[A-ZÀ-Ý][^,;:\n@]{0,50}?(?:"
    rf"{LEGAL_FORM.pattern}|\b(?:University|Universit[äàé]t?|Universidad|Universidade|"
    r"Universitat)\b))")


def _scope_matches(text: str) -> list[re.Match[str]]:
    found = list(_scope_re().finditer(text))
    for m in [*_AREA_RE.finditer(text), *_BEFORE_FIRM_RE.finditer(text),
              *_DEPT_RE.finditer(text), *_OFFICE_RE.finditer(text),
              *_ROMANCE_DEPT_RE.finditer(text), *_UNIT_SCOPE_RE.finditer(text)]:
        if not LEGAL_FORM.search(m.group(0)) and not any(f.start() == m.start() for f in found):
            found.append(m)
    return sorted(found, key=lambda m: m.start())


def _protect_scopes(text: str) -> str:
    """"VP Sales, EMEA at X", "Head of Growth, Nordics (…)": a region after a title is part of
    it; its comma becomes COMMA so that no reader splits there."""
    out = text
    for m in _scope_matches(text):
        # the title's own clause: after a dash or "she's"/"ist"/"est" a new one begins
        # (read from `out`: a scope protected before it stays in the clause, "Director,
        # Partnerships, West Africa")
        clause = _CLAUSE_CUT.split(out[max(0, m.start() - 60):m.start()])[-1]
        if TITLE_WORDS.search(clause) and len(clause.split()) <= 6:
            out = out[:m.start()] + COMMA + out[m.start() + 1:]
            out = _join_particle_scope(out, m.start(), m.end())
    return out


# (p-people11) "Directrice Export, Afrique de l'Ouest, Atlas SARL": the small word inside a
# scope ("de l'", "del") is no employer's preposition; the scope's spaces become JOINER
JOINER = "\u2060"  # WORD JOINER
_PARTICLE_SCOPE_RE = rx.compile(_PARTICLE_SCOPE)


def _join_particle_scope(text: str, start: int, end: int) -> str:
    m = _PARTICLE_SCOPE_RE.search(text, start, end)
    if not m:
        return text
    return text[:m.start()] + re.sub(r"[ \t]", JOINER, m.group(0)) + text[m.end():]


def has_scope_comma(line: str) -> bool:
    """people (p-people7): "Head of Sales, EMEA", "Professora agregada, Departament de X": the
    line's last comma sets off the title's scope (as `protect` reads it), not a firm."""
    return "," in line and protect(line).rfind(COMMA) > protect(line).rfind(",")


def _prose_line_end(text: str, m: re.Match[str]) -> bool:
    """people (p-people3): "Hannah Price, Brighton. Founder, Shingle Studio Ltd.⏎": at the end
    of a line of prose (a sentence ended earlier on it) the dot is the full stop; a card's line
    ("Director | MapleQuant Inc.") has no sentence before its firm."""
    if m.end() < len(text) and text[m.end()] not in "\r\n":
        return False
    line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
    return bool(_SENTENCE_IN_LINE.search(line))


_SENTENCE_IN_LINE = rx.compile(r"[a-zà-ÿ]{2}[.!?][ \t]+[A-ZÀ-Ý]")


def protect(text: str) -> str:
    """`text` with the dots of dotted legal forms ("S.p.A.", "Sp. z o.o.") replaced by ONE
    DOT LEADER and the comma before a title's scope by COMMA, positions kept: sentence and
    field splitting then leave them whole. A final dot followed by a capitalised word stays
    a full stop."""
    def swap(m: re.Match[str]) -> str:
        form = m.group(0)
        # "Acme Inc. Wants": the full stop; "Cafetal S.A.S. Super": a dotted form keeps its dot
        if form.endswith(".") and form.count(".") == 1 and (
                _SENTENCE_NEXT.match(text, m.end()) or _prose_line_end(text, m)):
            return form[:-1].replace(".", DOT) + "."
        return form.replace(".", DOT)

    if "." in text:  # (p-people7: first, so that "Kierownik ds. zakupów" is one clause)
        text = _protect_ranks(_TITLE_ABBR.sub(lambda m: m.group(0)[:-1] + DOT, text))
    text = _protect_scopes(text) if "," in text else text
    if " -" in text or "–" in text or "—" in text or "(" in text:
        text = _protect_dash_and_bracket_scopes(text)
    if "(P" in text:
        text = _BRACKETED_FORM.sub(lambda m: f"{OPEN}{m.group(1)}{CLOSE}", text)
    if "." not in text:
        return text
    text = _TITLE_ABBR.sub(lambda m: m.group(0)[:-1] + DOT, LEGAL_FORM.sub(swap, text))
    return _protect_inner_abbreviations(_protect_lower_forms(text))


# blocks (p-blocks8): short words that only stand inside a title, before any word of it
# (Polish "Kierownik ds. Logistyki" = "do spraw", German "Stellv. Leiterin", "Kfm. Leiter",
# Polish "Zast. Dyrektora"): their dot ends nothing, also before a capital
# (p-people8: and the short words for brothers that open or close a family firm's name,
# "Gebr. Lindner GmbH", "Ortiz Hnos. S.A.", "Lee Bros. Ltd")
_INNER_ABBR = rx.compile(r"(?<![\w.])(?:(?i:ds|stellv|stv|kfm|kaufm|wiss|zast)|Gebr|Hnos|Hmnos|"
                         r"Bros)\.(?=[ \t]+\w)")


def _protect_inner_abbreviations(text: str) -> str:
    return _INNER_ABBR.sub(lambda m: m.group(0)[:-1] + DOT, text)


# people (p-people): a title word written short, before the lower-case rest of the title
# ("resp. produzione", "dir. comercial", "sr. engineer", "coord. de projetos"): its dot ends
# no sentence
# (p-people7: Polish "ds." in "Kierownik ds. zakupów", "do spraw": for the matters of)
_TITLE_ABBR = rx.compile(r"(?<![\w.])(?:(?i:resp|dir|mgr|sr|asst|assoc|coord|gen|adj|dipl|"
                         r"techn|tech|admin|exec|ass|vice|sub)\.(?=[ \t]+[a-zà-ÿ][^\s@]*(?:\s|$))|"
                         # ("Kierownik ds. Logistyki": "ds." opens its matter in any case)
                         r"(?<=\w )ds\.(?=[ \t]+[^\W\d_]))")


# people (p-people12): a rank written short before a capitalised title word ("Sr. Director,
# Procurement", "Jr. Product Manager", "Asst. Professor", "Assoc. Partner", "Exec. Director"):
# its dot ends no sentence (and "Sr." there is "Senior", no "Señor" or generational suffix)
_RANK_ABBR = rx.compile(r"(?<![\w.])(?i:sr|snr|jr|asst|assoc|exec)\.(?=([ \t]+)[A-ZÀ-Ý])")


# people (p-people12): a dotted legal form typed in lower case ("aguas del valle s.a.", "vins
# roca s.l.", "officine riva s.r.l."): its inner dots are never a sentence's end
_LOWER_DOTTED_FORM = rx.compile(
    r"(?<![\w.])(?:" + "|".join(re.escape(f) for f in rx.longest_first(
        f.lower().rstrip(".") for f in LEGAL_FORMS if "." in f.rstrip(".") and " " not in f))
    + r")\.?(?!\w)")


def _protect_lower_forms(text: str) -> str:
    def swap(m: re.Match[str]) -> str:
        form = m.group(0)
        if form.endswith(".") and _SENTENCE_NEXT.match(text, m.end()):
            return form[:-1].replace(".", DOT) + "."
        return form.replace(".", DOT)

    return _LOWER_DOTTED_FORM.sub(swap, text)


def _protect_ranks(text: str) -> str:
    def swap(m: re.Match[str]) -> str:
        at = m.end() + len(m.group(1))
        return m.group(0)[:-1] + DOT if TITLE_WORDS.match(text, at) else m.group(0)

    return _RANK_ABBR.sub(swap, text)


def restore(text: str | None) -> str | None:
    """Undo `protect` in a value read from protected text."""
    if not text or not any(c in text for c in _PLACEHOLDERS):
        return text
    text = text.replace(DOT, ".").replace(COMMA, ",").replace(OPEN, "(").replace(CLOSE, ")")
    text = text.replace(JOINER, " ")
    return text.translate(_DASH_BACK)


# people (p-people5): the dash before a title's scope ("Head of Buying – Northern Region at
# X", "jefa de planta - División Envases, Grupo Y") and the brackets round one ("Director,
# Fleet Sales (Midwest) at X", "Chair (Soil Science), Z Institute") are kept by placeholders,
# so that no reader ends the title there; a scope is a short phrase opening with a capital,
# after a title's clause and before the employer's preposition or a comma and a capital
_DASHES = {"-": "\u2010", "–": "\u2043", "—": "\u2015"}  # HYPHEN, HYPHEN BULLET, HORIZONTAL BAR
_DASH_BACK = str.maketrans({v: k for k, v in _DASHES.items()})
_PLACEHOLDERS = (DOT, COMMA, OPEN, CLOSE, JOINER, *_DASHES.values())
_SCOPE_PHRASE = r"[A-ZÀ-Ý][\w&'’]*(?:[ \t]+(?:&|and|y|et|und|[\wÀ-ÿ'’]+)){0,3}"
_EMPLOYER_NEXT = (rf"(?=,?[ \t]+{_TITLE_EMPLOYER_PREPS}[ \t]+[A-ZÀ-Ý0-9]"
                  r"|,[ \t]*[A-ZÀ-Ý])")
_DASH_SCOPE = rx.compile(rf"[ \t](?P<dash>[-–—])[ \t]+(?P<scope>{_SCOPE_PHRASE}){_EMPLOYER_NEXT}")
_BRACKET_SCOPE = rx.compile(rf"[ \t]\((?P<scope>{_SCOPE_PHRASE})\){_EMPLOYER_NEXT}")
_PREP_NEXT = rx.compile(rf",?[ \t]+{_TITLE_EMPLOYER_PREPS}[ \t]")
# what a scope after a dash is made of: a word for a part of a firm or of the map
# ("Division Céréales", "Western Region", "Área Norte", "Bereich Süd", "Affaires européennes")
_SCOPE_WORDS = frozenset((
    "region", "región", "région", "regione", "região", "division", "división", "divisione",
    "divisão", "divisió", "area", "área", "àrea", "bereich", "geschäftsbereich", "sparte",
    "abteilung", "department", "departamento", "département", "dipartimento", "departament",
    "unit", "unidad", "unité", "unità", "segment", "affaires", "asuntos", "afers", "affari",
    "zone", "zona", "territory", "territorio", "territoire", "market", "markets", "mercado",
    "mercados", "marché", "marchés", "sector", "secteur", "settore", "practice", "programme",
    "program", "north", "south", "east", "west", "nord", "sud", "süd", "ost", "norte", "sur",
    "sul", "este", "oeste", "ouest", "emea", "apac", "latam", "dach", "nordics", "benelux",
    "americas", "europe", "europa", "iberia", "asia", "africa", "afrique", "áfrica",
))


def _firm_like(phrase: str) -> bool:
    words = [w.strip(".,").casefold() for w in phrase.split()]
    return any(w in FIRM_WORDS for w in words) or bool(COMPANY_SUFFIX.search(phrase))


# people (p-people7): after a title's dash, a line of business ("Retail Lending", "Mobile
# UX") or the countries it covers ("UK & Ireland", "Portugal y España") is its scope too
_DEPT_PHRASE = rx.compile(
    rf"(?:(?:{_DEPT_MODIFIERS}|{_DEPARTMENTS})[ \t]+(?:(?:&|and)[ \t]+)?){{0,3}}"
    rf"(?:{_DEPARTMENTS})(?:[ \t]+(?:{_REGION_AFTER}))?")


_LAST_DEPARTMENT = rx.compile(rf"(?:^|[ \t])(?:{_DEPARTMENTS})$")


def _ends_in_department(scope: str) -> bool:
    """"Checkout UX", "Card Payments": a short phrase whose last word is a department and no
    word a firm's ("Nordwind Engineering" is a firm)."""
    return len(scope.split()) <= 3 and bool(_LAST_DEPARTMENT.search(scope)) and \
        not _firm_like(scope)


def _region_only(scope: str) -> bool:
    return _scope_re().fullmatch(", " + scope) is not None


# (p-people11) two areas joined by "&"/"and"/"/" after a title's dash, abbreviations or names
# ("QLD & NT", "KZN & EC", "Visayas & Mindanao", "Bali & Nusa Tenggara"): the title's scope
_AREA_NAME = r"(?:[A-Z]{2,4}|[A-ZÀ-Ý][a-zà-ÿ]+(?:[ \t]+[A-ZÀ-Ý][a-zà-ÿ]+)?)"
_JOINED_AREAS = rx.compile(rf"{_AREA_NAME}[ \t]*(?:&|and|y|et|e|und|/)[ \t]*{_AREA_NAME}")


def _scope_ok(m: re.Match[str], text: str) -> bool:
    """The dash's or brackets' phrase is a scope and the employer follows it: a preposition,
    or a comma and a firm's name ("…, Foothills Institute of Technology")."""
    scope = m.group("scope")
    if TITLE_WORDS.search(scope) or LEGAL_FORM.search(scope) or "@" in scope:
        return False  # "Pieter - CTO, Acme": a title after a name; "(Acme Ltd)": the firm
    if m.re is _DASH_SCOPE:
        words = {w.casefold() for w in scope.split()}
        if not (words & _SCOPE_WORDS or DEPARTMENT_ONLY.fullmatch(scope) or
                _DEPT_PHRASE.fullmatch(scope) or _region_only(scope) or _ends_in_department(scope)
                or (_JOINED_AREAS.fullmatch(scope) and not _firm_like(scope))):
            return False  # "founder – Nordwind Robotics, Oslo": the firm after the dash
    elif _firm_like(scope):
        return False  # "CTO (Kite Labs), …": the firm in brackets
    if _PREP_NEXT.match(text, m.end()):
        return True
    clause = re.split(r"[,;\n]", text[m.end():].lstrip(", \t"), maxsplit=1)[0]
    return _firm_like(clause)


def _protect_dash_and_bracket_scopes(text: str) -> str:
    out = text
    for m in [*_DASH_SCOPE.finditer(text), *_BRACKET_SCOPE.finditer(text)]:
        if not _scope_ok(m, text):
            continue
        # the clause before is a title that opens or ends with its title word ("Head of
        # Buying", "Research Chair"), not a sentence ("Met her after the investor lunch - Ana Li")
        clause = _CLAUSE_CUT.split(out[max(0, m.start() - 60):m.start()])[-1].strip()
        words = clause.split()
        if not words or len(words) > 6 or not (
                TITLE_WORDS.match(clause) or TITLE_WORDS.fullmatch(words[-1])):
            continue
        if "dash" in m.groupdict() and m.group("dash"):
            at = m.start("dash")
            out = out[:at] + _DASHES[out[at]] + out[at + 1:]
        else:
            open_at, close_at = m.start("scope") - 1, m.end("scope")
            out = out[:open_at] + OPEN + out[open_at + 1:close_at] + CLOSE + out[close_at + 1:]
    return out


# blocks (p-blocks8): the word that makes a line a university, institute or hospital in the
# languages signatures come in ("Universitat de Girona", "Politecnico di Milano", "Klinikum
# Nord"): such a line is the employer, never a person's name
_INSTITUTIONS = (
    r"\b(?:universit(?:y|ät|at|é|à|ad|ade|eit|et|e)|uniwersytet|yliopisto|institut|instituto|"
    r"istituto|instytut|institutet|polytechnic|politecnico|polit[èé]cnica|polytechnique|"
    r"hochschule|fachhochschule|hospital|h[ôo]pital|ospedale|klinikum|universitätsklinikum|"
    r"fundaci[óo]n?|fondazione|foundation|stiftung|college|akademie|accademia)(?!\w)")
COMPANY_SUFFIX = rx.Remembered(rx.compile(  # asked again and again: answers kept
    r"(?:\b(?:gmbh|ag|as|asa|ab|bv|b\.v\.|nv|n\.v\.|s\.l\.|sl|s\.a\.|sa|sas|sarl|s\.p\.a\.|spa|"
    r"srl|ltd|ltd\.|limited|llc|llp|inc|inc\.|corp|corp\.|corporation|co\.|plc|pty|oy|kg|se|"
    r"ug|gbr|e\.v\.|lp|company|group|holdings?|labs?|studio|ventures|capital|partners|"
    r"systems|technologies|solutions|consulting|bank|university|institute|"
    # (p-people7) universities, institutes, hospitals and banks as their own languages name them
    r"universitat|université|universidad|università|universität|universidade|universiteit|"
    r"uniwersytet|institut|instituto|istituto|politecnico|politécnica|hospital|hôpital|"
    r"ospedale|klinikum|banque|banca|banco)(?!\w))"
    rf"|{LEGAL_FORM.pattern}|{_INSTITUTIONS}",
    re.IGNORECASE,
))
INSTITUTION = rx.compile(_INSTITUTIONS, re.IGNORECASE)
COUNTRIES = {
    "usa", "us", "united states", "uk", "united kingdom", "england", "germany", "deutschland",
    "france", "spain", "españa", "italy", "italia", "netherlands", "the netherlands",
    "nederland", "switzerland", "schweiz", "suisse", "austria", "österreich", "japan",
    "canada", "mexico", "méxico", "norway", "norge", "sweden", "sverige", "denmark",
    "danmark", "finland", "suomi", "belgium", "belgique", "ireland", "portugal", "poland",
    "polska", "australia", "brazil", "brasil", "india", "singapore", "china", "ghana",
    "nigeria", "kenya", "south africa", "israel",
}


# people (p-people3): words that make a capitalised run a firm's name ("Zephyr Robotics",
# "Fintech Lab", "Andes Capital", "Kola Logistics"), in the languages the notes come in; after
# a surname particle ("von", "de", "da") such a run is the employer, not the rest of the name
FIRM_WORDS = frozenset((
    "robotics", "robotik", "robótica", "robotica", "tech", "technologies", "technology",
    "technik", "tecnologia", "tecnología", "labs", "lab", "energy", "energie", "energía",
    "energia", "capital", "ventures", "systems", "systeme", "sistemas", "software", "solutions",
    "soluciones", "lösungen", "logistics", "logistik", "logística", "logistica", "foods",
    "bank", "banca", "banco", "banque", "pay", "payments", "health", "bio", "biotech",
    "analytics", "data", "digital", "media", "consulting", "partners", "group", "gruppe",
    "grupo", "gruppo", "groupe", "holding", "holdings", "studio", "studios", "fund", "finance",
    "fintech", "ai", "motors", "mobility", "networks", "cloud", "security", "pharma",
    "therapeutics", "industries", "industrie", "manufacturing", "engineering", "ingeniería",
    "ingegneria", "consultores", "consulenti", "associati", "asociados", "associés",
    "advisors", "agency", "agentur", "agencia", "agenzia", "agence", "verlag", "werke",
    "werk", "marketing", "insurance", "versicherung", "seguros", "assicurazioni",
    # (p-people8) the brothers or sons a family firm is named for, written in full or short
    # ("Gebr. Lindner", "Fratelli Moretti", "Ortiz Hnos.", "Irmãos Costa", "Germans Roca")
    "gebr", "gebrüder", "gebroeders", "söhne", "fratelli", "f.lli", "flli", "hermanos", "hnos",
    "irmãos", "germans", "frères", "brothers", "bros",
    # p-lang11: the trade nouns that open a firm's name in Spanish, Catalan, French, Italian
    # and German and never a person's ("Aceros del Norte", "Cellers Vidal", "Officine
    # Rossi", "Imprimerie Morel", "Kornfeld Verpackungen"), written without accents (they are
    # looked up folded)
    "aceros", "plasticos", "construcciones", "constructora", "alimentos",
    "distribuciones", "distribuidora", "industrias", "talleres", "laboratorios",
    "inmobiliaria", "textiles", "muebles", "bodegas", "conservas", "lacteos",
    "ferreteria", "comercializadora", "importadora", "exportadora",
    "construccions", "cellers", "industries", "embotits",
    "etablissements", "imprimerie", "menuiserie", "boulangerie", "boulangeries", "fromagerie",
    "fromageries", "biscuiterie", "brasserie", "savonnerie", "quincaillerie", "chaudronnerie",
    "officine", "costruzioni", "tessitura", "vetreria", "ceramiche", "arredamenti",
    "meccanica", "cantina", "cantine", "oleificio", "caseificio", "pastificio", "ferramenta",
    "mobilificio", "salumificio", "calzaturificio", "maschinenbau", "metallbau", "holzbau",
    "verpackungen", "antriebe", "spedition", "werkzeugbau", "anlagenbau", "feinkost",
    # (p-people12) more trade nouns that open a firm's name: wine, oil, cheese, bread,
    # coffee and haulage houses of the Romance languages ("Vins Roca", "Frantoio Neri",
    # "Formatges Pla", "Transportes Ruiz", "Tostadores Ceiba", "Torrefazione Gallo")
    "vins", "vinos", "vini", "vinhos", "vinicola", "bodega", "frantoio", "formatges",
    "quesos", "queijos", "formaggi", "aceites", "azeites", "panificio", "transportes",
    "transports", "trasporti", "tostadores", "tostadora", "torrefazione", "torrefaction",
    "delicatessen", "delicatesen",
))


# people (p-people7): the one list of forms of address and academic titles that open a name
# and that no contact's name keeps ("Dr.", "Prof. Dr. med.", "Mme", "Dott.ssa", "Alhaji"),
# lower case, without a final dot, shared by the note, signature and vCard readers. Deliberately
# short of nameparser's 670 titles ("Dean", "Judge", "Major" are first names too).
HONORIFICS = frozenset((
    "dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame", "herr", "frau",
    "m", "mme", "mlle", "monsieur", "madame", "sr", "sra", "srta", "señor", "señora", "doña",
    "dott", "dott.ssa", "dssa", "prof.ssa", "avv", "arch", "geom", "rag", "sig", "sig.ra",
    "ing", "dipl", "dipl.-ing", "dipl-ing", "mag", "univ.-prof", "priv.-doz", "dr.-ing",
    "dr-ing", "lic", "lcda", "lcdo", "mtro", "mtra", "eng", "engª", "ir", "drs", "mr.", "mgr",
    "inż", "doc", "bc", "rev", "mw", "dhr",
    # forms of address of West Africa, the Malay world, the Gulf and South Asia, and of the
    # clergy and professions as written before a name ("Alhaji", "Hajiya", "Chief", "Datuk",
    # "Haji", "Sheikh", "Pastor", "Engr.", "Barr.", "Atty.", "Smt.")
    "alhaji", "alhaja", "alhajji", "hajiya", "hajia", "hajja", "hajjah", "haji", "hj", "hjh",
    "chief", "mallam", "malam", "engr", "barr", "atty", "pastor", "reverend", "revd",
    "imam", "rabbi", "sheikh", "shaikh", "sheik", "datuk", "dato", "dato'", "datin", "tunku",
    "tengku", "encik", "puan", "ustaz", "ustazah", "shri", "shree", "smt",
    # (p-people10) Indonesian "Pak"/"Bapak"/"Ibu", Thai "Khun", Turkish "Sayın", the "Hon." of
    # Commonwealth Africa, French "Maître"
    "pak", "bapak", "ibu", "khun", "sayın", "hon", "maître", "maitre",
))
# people (p-people12): the words of a place to eat, drink, stay or work in ("Cafe Lisboa",
# "Hotel Sonnenhof", "the Harbour Bar", "Trattoria da Gino"): "at" one of them after a name is
# where they met, never the employer ("Met Ana Gil at Cafe Z in Utrecht")
VENUE_WORDS = frozenset((
    "cafe", "café", "caffè", "caffe", "cafetería", "cafeteria", "kafé", "kaffeehaus",
    "coffeehouse", "teahouse", "bar", "pub", "tavern", "taverna", "restaurant", "ristorante",
    "restaurante", "restaurang", "bistro", "bistrot", "trattoria", "osteria",
    "pizzeria", "diner", "canteen", "lounge", "rooftop", "hotel", "hôtel", "hotell", "hostel",
    "inn", "coworking", "co-working", "wework", "food hall", "biergarten", "gasthaus",
    "gasthof", "kneipe", "cervecería", "tasca", "taberna", "bodeguita", "boteco", "botequim",
))
# people (p-people12): the German and Austrian qualifiers of a doctorate, written with their
# dot after "Dr." ("Dr. med.", "Dr. rer. nat.", "Dr. phil. habil.", "Dr. h.c."): part of the
# form of address, never of the name
ACADEMIC_QUALIFIERS = ("med", "rer", "nat", "phil", "habil", "jur", "dent", "vet", "oec",
                       "pol", "h.c", "techn", "paed", "theol", "agr")
QUALIFIER_PATTERN = "(?:" + "|".join(re.escape(q) for q in ACADEMIC_QUALIFIERS) + r")\."
# forms of address that are also given names or initials ("M. Dupont" but "M Smith", "Arch
# Stanton", "Eng Lim"): a vCard's structured name keeps them
NAME_LIKE_HONORIFICS = frozenset(("m", "arch", "eng", "doc", "mag", "rag", "bc", "ir", "lic"))


# people (p-people7): the small words inside a family name ("van der Berg", "de la Fuente",
# "bin Hashim", "Vidal i Ferrer"), lower case, shared by the note and card readers
NAME_PARTICLES = frozenset((
    "van", "von", "der", "den", "de", "la", "le", "du", "da", "di", "del", "dos", "das", "ter",
    "ten", "bin", "binti", "binte", "bte", "bt", "al", "el", "st", "mac", "mc", "zu", "y", "ben",
    "bat", "ould", "dela", "delos", "degli", "dello", "ap", "ferch", "ibn", "bint", "vander",
    "dei", "i", "della", "dal", "do", "dalla", "delle", "des", "af", "av",
    # (p-people11) Sicilian and southern Italian family names ("Lo Presti", "Lo Bianco"; not
    # "li", a given and family name of its own)
    "lo",
))
# people (p-people12): the articles Catalan, Portuguese and Italian speech (and Spanish in
# places) puts before a given name ("la Montse", "en Pere", "el Pau", "na Maria", "o Rui",
# "a Inês", "il Marco", "lo Stefano"): one entry, read by every free-text rule that skips them
GIVEN_NAME_ARTICLES = ("la", "el", "en", "na", "il", "lo", "o", "a")
# particles that are also capitalised words of their own ("I", "Y", "E", "Do", "Ben"): a
# particle only when written in lower case
LOWER_ONLY_PARTICLES = frozenset(("i", "y", "e", "do", "des", "af", "av", "ben", "bat", "bt",
                                  "bte", "ould", "dela", "delos", "lo"))


# people (p-people11): one table of possessives and one of relation nouns, read by the prose,
# multi-language and free-text readers (which each kept a list of their own before)
# Possessives of the third person before the noun they own ("his cofounder", "ihr Chef",
# "son associé", "su socia", "il suo direttore", "zijn collega", "la seva sòcia")
POSSESSIVES_BEFORE = (
    "his", "her", "their",
    "ihr", "ihre", "ihren", "ihrer", "ihrem", "sein", "seine", "seinen", "seiner", "seinem",
    "deren", "dessen",
    "son", "sa", "ses", "leur", "leurs",
    "su", "sus",
    "suo", "sua", "loro", "il suo", "la sua", "il loro", "la loro",
    "seu", "o seu", "a sua",
    "el seu", "la seva", "seva",
    "zijn", "haar", "hun",
)
# ... and after it, Portuguese, Spanish, Italian and Dutch ("a colega dela", "el jefe de
# ella", "il capo di lui", "de baas van haar")
POSSESSIVES_AFTER = ("dela", "dele", "deles", "delas", "de ella", "de él", "di lei", "di lui",
                     "van haar", "van hem")
# Possessives of the writer's side ("our CTO", "unser Berater"): a role, never a relation to the
# person named before
POSSESSIVES_OURS = ("our", "unser", "unsere")

# How someone stands to the person named before ("her colleague", "su socia", "ihr Chef",
# "sua figlia", "zijn collega"). First the peers: those who work beside the person (a partner,
# a cofounder, a colleague, a boss, an assistant, a friend), then family and others
PEER_NOUNS = (
    "colleague", "coworker", "co-worker", "teammate", "partner", "business partner",
    "cofounder", "co-founder", "boss", "assistant", "assistants", "friend",
    "kollege", "kollegen", "kollegin", "partnerin", "geschäftspartner", "geschäftspartnerin",
    "chef", "chefin", "mitgründer", "mitgründerin", "mitgründern", "mitbegründer",
    "mitbegründerin", "mitbegründern",
    "collègue", "associé", "associée", "associés", "associées", "cofondateur", "cofondatrice",
    "co-fondateur", "co-fondatrice", "assistante", "assistantes",
    "colega", "socio", "socia", "jefe", "jefa", "cofundador", "cofundadora", "cofundadores",
    "cofundadoras",
    "collega", "capo", "cofondatore", "cofondatori", "cofondatrici",
    "sócio", "sócia", "medeoprichter", "medgrundare", "col·lega",
)
RELATION_NOUNS = (
    *PEER_NOUNS,
    "deputy", "associate", "counterpart", "intern", "right hand",
    "daughter", "son", "wife", "husband", "brother", "sister", "father", "mother",
    "mitarbeiter", "mitarbeiterin", "stellvertreter", "stellvertreterin", "tochter", "sohn",
    "bruder", "schwester", "vater", "mutter", "nachfolger", "nachfolgerin", "lieferant",
    "lieferantin",
    "patron", "patronne", "adjoint", "adjointe", "fille", "fils", "frère", "sœur", "soeur",
    "bras droit", "fournisseur", "fournisseuse", "binôme", "compagnon",
    "hija", "hijo", "hermano", "hermana", "mano derecha", "compañero", "compañera",
    "proveedor", "proveedora",
    "figlia", "figlio", "fratello", "sorella", "fornitore", "fornitrice", "compagno",
    "compagna", "vice",
    "baas", "dochter", "zoon", "broer", "zus", "vennoot", "leverancier",
    "chefe", "filha", "filho", "irmão", "irmã", "fornecedor", "fornecedora",
    "kolega", "kollega",
)


def words_pattern(words: tuple[str, ...]) -> str:
    """An alternation of whole words or phrases, longest first, any run of spaces inside."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in rx.longest_first(words))
