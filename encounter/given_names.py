"""Given names common among the City's residents, for the door's rules that find a name typed in small letters.

A name typed in a hurry has no capital to tell it from the words around it ("asking for jose luis ramirez said he
comes in"). The door still never takes a word for a name on its own: these lists only decide whether the word after
a word that introduces a person (``sensitive_patterns.NAME_GIVEN_LOW``, with a surname after it: a first name alone is
how staff are named), or after the agents asking whether someone is there (``NAME_ASKED_IF``), is a name's first word. Staff are named by their first name in reports every day ("Rosa from
circulation called counsel"), so a given name alone, capitalised or not, stays clean.

Folded as the door folds text (small ASCII letters, accents off): "José" is ``jose``. Names that are also everyday
words in English or Spanish ("angel", "luz", "dolores") are apart, in ``GIVEN_WORDLIKE``. Words that are first of all
things or places are in neither list ("mercedes", "grace", "mike", "tiffany").
"""

# Spanish and Latin American, English, Armenian, Filipino, Korean, Vietnamese, Chinese, Persian and Russian given
# names (romanised as residents type them), and the nicknames field staff hear most.
GIVEN_NAMES = (
    # Spanish, men
    "jose", "juan", "luis", "carlos", "jorge", "miguel", "francisco", "pedro", "manuel", "antonio", "javier",
    "alejandro", "fernando", "ricardo", "roberto", "eduardo", "raul", "sergio", "oscar", "hector", "mario", "rafael",
    "arturo", "alberto", "enrique", "ernesto", "gerardo", "guillermo", "gustavo", "hugo", "ignacio", "jaime",
    "joaquin", "julio", "lorenzo", "marco", "marcos", "martin", "mauricio", "nicolas", "omar", "pablo", "ramon",
    "rodrigo", "ruben", "salvador", "santiago", "tomas", "victor", "vicente", "adrian", "andres", "armando", "cesar",
    "daniel", "diego", "emilio", "esteban", "felipe", "gabriel", "gilberto", "gonzalo", "ismael", "israel",
    "leonardo", "mateo", "nestor", "octavio", "orlando", "rigoberto", "rolando", "saul", "ulises", "wilfredo",
    "efrain", "edgar", "elias", "fidel", "humberto", "agustin", "alfonso", "alfredo", "alvaro", "bernardo", "camilo",
    "cristian", "cristobal", "dario", "emiliano", "erick", "fabian", "federico", "genaro", "heriberto", "horacio",
    "isidro", "jacinto", "jeronimo", "leonel", "leopoldo", "marcelino", "margarito", "maximiliano", "moises",
    "norberto", "pascual", "porfirio", "reynaldo", "rogelio", "samuel", "silvestre", "valentin", "yahir", "abraham",
    "alexis", "ivan", "kevin", "brayan", "jonathan", "josue",
    # Spanish, women
    "maria", "ana", "carmen", "juana", "josefina", "guadalupe", "elena", "patricia", "martha", "marta", "veronica",
    "adriana", "alejandra", "andrea", "angelica", "araceli", "beatriz", "brenda", "carolina", "catalina", "cecilia",
    "claudia", "cristina", "daniela", "diana", "elizabeth", "elsa", "elvira", "erika", "esmeralda", "estela", "eva",
    "fabiola", "fernanda", "gabriela", "graciela", "isabel", "jessica", "julia", "juliana", "karina", "laura",
    "leticia", "lidia", "liliana", "lorena", "lucia", "luisa", "magdalena", "marcela", "mariana", "maribel",
    "marisol", "miriam", "monica", "natalia", "olga", "paola", "paula", "raquel", "rebeca", "rosalba",
    "rosalinda", "sandra", "silvia", "sofia", "susana", "teresa", "valeria", "ximena", "yolanda", "yesenia",
    "yadira", "zoila", "irma", "sonia", "alicia", "gricelda", "griselda", "hortensia", "ofelia", "rosaura",
    # nicknames
    "lupe", "lupita", "chuy", "pancho", "paco", "beto", "chayo", "pepe", "lalo", "conchita",
    "chabela", "tito", "quique", "chente", "lencho", "goyo", "licha", "meche", "kiki",
    # English
    "john", "michael", "james", "robert", "william", "richard", "thomas", "charles", "christopher", "matthew",
    "anthony", "joseph", "brian", "jason", "jennifer", "susan", "sarah", "karen", "nancy", "lisa", "betty",
    "margaret", "emily", "michelle", "kimberly", "amanda", "melissa", "stephanie", "ashley", "nicole",     "steven", "timothy", "jeffrey", "ryan", "gary", "eric", "justin", "brandon", "tyler", "aaron", "adam",
    "nathan", "kyle", "sean", "patrick", "peter", "kenneth", "george", "paul", "andrew", "joshua", "mary", "barbara",
    "dorothy", "helen", "sharon", "deborah", "donna", "ruth", "shirley", "cynthia", "angela", "tanya",
    "latoya", "keisha", "darnell", "tyrone", "jamal", "marcus", "andre", "jenny", "johnny", "tony", "danny", "mike",
    "chris", "alex", "sammy", "jimmy", "tommy", "bobby", "ricky", "eddie", "frankie", "andy", "cindy", "wendy",
    "becky", "katie", "jessie", "annie", "lucy", "debbie", "vicky", "kathy",
    # Armenian
    "aram", "armen", "ani", "anahit", "arman", "arsen", "gagik", "hovhannes", "levon", "narek", "sargis", "tigran",
    "vahe", "vardan", "zaruhi", "lilit", "gayane", "hasmik", "siranush", "mher", "hayk", "ashot", "davit", "gevorg",
    "grigor", "anush", "armine", "karine", "samvel", "vazgen", "hrant", "raffi", "shant", "talin", "nairi",
    # Filipino
    "rodel", "jocelyn", "maricel", "rowena", "marites", "lorna", "nenita", "rommel", "jomar", "analyn", "mylene",
    "jericho", "rhea", "arnel", "rizalina",
    # Korean (romanised; the hyphen kept as residents type it)
    "min-jun", "ji-hoon", "seo-yeon", "ji-woo", "hyun-woo", "soo-jin", "young-hee", "jung-ho", "sung-min", "min-ji",
    "eun-ji", "ji-yeon", "jae-won", "seung-hoon", "hye-jin", "minjun", "jihoon", "seoyeon", "soojin", "younghee",
    # Vietnamese
    "minh", "tuan", "huong", "thanh", "phuong", "quang", "thuy", "linh", "khoa", "hoang", "trinh", "nguyet",
    # Chinese (romanised)
    "wei", "jing", "xiu", "ying", "mei", "hui", "xiao", "yan", "ling", "jian", "zhen", "xiuying", "meiling",
    # Persian (romanised)
    "ali", "reza", "mohammad", "mohammed", "muhammad", "hossein", "hassan", "mehdi", "amir", "ahmad", "maryam",
    "fatemeh", "zahra", "sara", "narges", "leila", "shirin", "parisa", "nazanin", "dariush", "kourosh", "bahram",
    "farhad", "mahsa", "niloufar", "saeed", "majid", "hamid", "javad", "babak", "behrouz", "roya",
    # Russian and Ukrainian (romanised)
    "dmitri", "dmitry", "sergei", "natasha", "tatiana", "svetlana", "vladimir", "alexei", "nikolai", "irina", "yuri",
    "oksana", "olena", "mykola", "andriy", "bogdan",
)

# Given names that are also everyday words (or saints, places and feasts): names only after a word that introduces
# a person.
GIVEN_WORDLIKE = (
    "angel", "jesus", "rosa", "luz", "paz", "cruz", "dolores", "pilar", "rocio", "amparo", "soledad",
    "consuelo", "blanca", "clara", "victoria", "esperanza", "socorro", "milagros", "gloria", "rosario", "concepcion",
    "lourdes", "alma", "estrella", "perla", "violeta", "domingo", "margarita", "reina", "paloma", "leon",     "rose", "lily", "norma", "linda", "carol", "heather", "nena", "chela", "nacho", "tono",
)

# Persian given names in their own script, for the words of looking for someone in Farsi ("دنبال علی رضایی بودند").
GIVEN_NAMES_FA = (
    "علی", "رضا", "محمد", "حسین", "حسن", "مهدی", "امیر", "احمد", "مریم", "فاطمه", "زهرا", "سارا", "نرگس", "مینا",
    "لیلا", "شیرین", "پریسا", "نازنین", "داریوش", "کوروش", "بهرام", "فرهاد", "مهسا", "نیلوفر", "سعید", "مجید", "حمید",
    "جواد", "بابک", "رویا", "آرش", "سیاوش", "مصطفی", "ابراهیم", "یوسف", "اکبر", "عباس", "جعفر", "نسرین", "پروین",
)
