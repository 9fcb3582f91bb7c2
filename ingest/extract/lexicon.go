package extract

import (
	"strings"

	"kg/graph"
)

// This file holds the general-knowledge word lists the rules rely on:
// countries (with short forms and demonyms), regions and cities,
// international and well-known organizations, role titles, stance and event
// trigger words. Nothing here is taken from any particular article.

// countries: "Canonical|alias|alias;demonym|demonym". The demonyms resolve to
// the canonical country name.
var countryData = []string{
	"United States|US|U.S.|USA|U.S.A.|America|United States of America;American|Americans",
	"United Kingdom|UK|U.K.|Britain|Great Britain;British|Briton|Britons",
	"Russia|Russian Federation;Russian|Russians",
	"Ukraine;Ukrainian|Ukrainians",
	"China|People's Republic of China|PRC;Chinese",
	"Taiwan;Taiwanese",
	"Japan;Japanese",
	"South Korea|Republic of Korea;South Korean|South Koreans",
	"North Korea;North Korean|North Koreans",
	"India;Indian|Indians",
	"Pakistan;Pakistani|Pakistanis",
	"Afghanistan;Afghan|Afghans",
	"Bangladesh;Bangladeshi",
	"Iran;Iranian|Iranians",
	"Iraq;Iraqi|Iraqis",
	"Syria;Syrian|Syrians",
	"Israel;Israeli|Israelis",
	"Palestine|Palestinian territories;Palestinian|Palestinians",
	"Lebanon;Lebanese",
	"Jordan;Jordanian",
	"Saudi Arabia;Saudi|Saudis",
	"Yemen;Yemeni",
	"Qatar;Qatari",
	"United Arab Emirates|UAE;Emirati",
	"Kuwait;Kuwaiti",
	"Oman;Omani",
	"Turkey|Türkiye;Turkish|Turks",
	"Egypt;Egyptian|Egyptians",
	"Libya;Libyan",
	"Tunisia;Tunisian",
	"Algeria;Algerian",
	"Morocco;Moroccan",
	"Sudan;Sudanese",
	"South Sudan",
	"Ethiopia;Ethiopian",
	"Eritrea;Eritrean",
	"Somalia;Somali",
	"Kenya;Kenyan",
	"Uganda;Ugandan",
	"Tanzania;Tanzanian",
	"Rwanda;Rwandan",
	"Nigeria;Nigerian|Nigerians",
	"Ghana;Ghanaian",
	"Mali;Malian",
	"Niger",
	"Chad;Chadian",
	"Senegal;Senegalese",
	"Ivory Coast|Côte d'Ivoire;Ivorian",
	"Cameroon;Cameroonian",
	"Congo|Democratic Republic of the Congo|DRC;Congolese",
	"Angola;Angolan",
	"Zambia;Zambian",
	"Zimbabwe;Zimbabwean",
	"Mozambique;Mozambican",
	"South Africa;South African|South Africans",
	"Namibia;Namibian",
	"Botswana",
	"Madagascar",
	"Canada;Canadian|Canadians",
	"Mexico;Mexican|Mexicans",
	"Cuba;Cuban|Cubans",
	"Haiti;Haitian",
	"Dominican Republic;Dominican",
	"Jamaica;Jamaican",
	"Guatemala;Guatemalan",
	"Honduras;Honduran",
	"El Salvador;Salvadoran",
	"Nicaragua;Nicaraguan",
	"Costa Rica;Costa Rican",
	"Panama;Panamanian",
	"Colombia;Colombian",
	"Venezuela;Venezuelan|Venezuelans",
	"Ecuador;Ecuadorian",
	"Peru;Peruvian",
	"Bolivia;Bolivian",
	"Brazil;Brazilian|Brazilians",
	"Chile;Chilean",
	"Argentina;Argentine|Argentinian",
	"Uruguay;Uruguayan",
	"Paraguay;Paraguayan",
	"Germany;German|Germans",
	"France;French",
	"Italy;Italian|Italians",
	"Spain;Spanish",
	"Portugal;Portuguese",
	"Netherlands|Holland;Dutch",
	"Belgium;Belgian",
	"Luxembourg",
	"Switzerland;Swiss",
	"Austria;Austrian",
	"Ireland;Irish",
	"Iceland;Icelandic",
	"Norway;Norwegian",
	"Sweden;Swedish",
	"Finland;Finnish",
	"Denmark;Danish",
	"Poland;Polish|Poles",
	"Czech Republic|Czechia;Czech",
	"Slovakia;Slovak",
	"Hungary;Hungarian",
	"Romania;Romanian",
	"Bulgaria;Bulgarian",
	"Greece;Greek|Greeks",
	"Cyprus;Cypriot",
	"Serbia;Serbian|Serbs",
	"Croatia;Croatian",
	"Bosnia|Bosnia and Herzegovina;Bosnian",
	"Slovenia;Slovenian",
	"Albania;Albanian",
	"Kosovo",
	"North Macedonia|Macedonia;Macedonian",
	"Montenegro",
	"Moldova;Moldovan",
	"Belarus;Belarusian",
	"Lithuania;Lithuanian",
	"Latvia;Latvian",
	"Estonia;Estonian",
	"Georgia;Georgian",
	"Armenia;Armenian",
	"Azerbaijan;Azerbaijani",
	"Kazakhstan;Kazakh",
	"Uzbekistan;Uzbek",
	"Kyrgyzstan",
	"Tajikistan",
	"Turkmenistan",
	"Mongolia;Mongolian",
	"Vietnam;Vietnamese",
	"Thailand;Thai",
	"Cambodia;Cambodian",
	"Laos",
	"Myanmar|Burma;Burmese",
	"Malaysia;Malaysian",
	"Singapore;Singaporean",
	"Indonesia;Indonesian",
	"Philippines;Filipino|Philippine",
	"Australia;Australian|Australians",
	"New Zealand",
	"Sri Lanka;Sri Lankan",
	"Nepal;Nepalese",
}

// placeData: regions, states and cities (canonical|alias).
var placeData = []string{
	// regions and continents
	"Europe", "Asia", "Africa", "North America", "South America", "Latin America", "Middle East",
	"Gulf", "Balkans", "Caucasus", "Scandinavia", "Crimea", "Donbas|Donbass", "Donetsk", "Luhansk",
	"Zaporizhzhia", "Kherson", "Kharkiv", "Odesa|Odessa", "Lviv", "Dnipro", "Gaza|Gaza Strip", "West Bank",
	"Kashmir", "Tibet", "Siberia", "Chechnya", "Kurdistan", "Catalonia", "Scotland", "Wales", "England",
	"Northern Ireland", "Quebec", "Ontario", "British Columbia", "Alberta", "Bavaria", "Hong Kong", "Macau",
	"Silicon Valley", "Wall Street", "Capitol Hill",
	// US states
	"Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
	"Florida", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana",
	"Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana",
	"Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York State", "North Carolina",
	"North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina",
	"South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington State",
	"West Virginia", "Wisconsin", "Wyoming", "Puerto Rico",
	// cities
	"New York|New York City|NYC", "Los Angeles", "Chicago", "Houston", "Phoenix", "Philadelphia",
	"San Antonio", "San Diego", "Dallas", "San Jose", "Austin", "San Francisco", "Seattle", "Denver",
	"Boston", "Detroit", "Nashville", "Baltimore", "Atlanta", "Miami", "Orlando", "Tampa", "Las Vegas",
	"Portland", "Pittsburgh", "Cleveland", "Cincinnati", "St. Louis", "Kansas City", "New Orleans",
	"Minneapolis", "Milwaukee", "Sacramento", "Palm Beach", "Mar-a-Lago", "Cupertino", "Redmond",
	"Seoul", "Pyongyang", "Toronto", "Montreal", "Vancouver", "Ottawa", "Mexico City", "Havana",
	"London", "Paris", "Berlin", "Madrid", "Rome", "Lisbon", "Amsterdam", "Brussels", "Geneva", "Zurich",
	"Vienna", "Dublin", "Oslo", "Stockholm", "Helsinki", "Copenhagen", "Warsaw", "Prague", "Budapest",
	"Bucharest", "Sofia", "Athens", "Belgrade", "Zagreb", "Sarajevo", "Frankfurt", "Munich", "Hamburg",
	"Milan", "Barcelona", "Manchester", "Edinburgh", "Glasgow", "Moscow", "St. Petersburg|Saint Petersburg",
	"Kyiv|Kiev", "Minsk", "Vilnius", "Riga", "Tallinn", "Tbilisi", "Yerevan", "Baku", "Istanbul", "Ankara",
	"Tehran", "Baghdad", "Damascus", "Beirut", "Jerusalem", "Tel Aviv", "Amman", "Riyadh", "Jeddah",
	"Doha", "Dubai", "Abu Dhabi", "Cairo", "Tripoli", "Tunis", "Algiers", "Rabat", "Casablanca",
	"Khartoum", "Addis Ababa", "Nairobi", "Kampala", "Lagos", "Abuja", "Accra", "Dakar", "Kinshasa",
	"Johannesburg", "Cape Town", "Pretoria", "Kabul", "Islamabad", "Karachi", "Lahore", "New Delhi|Delhi",
	"Mumbai|Bombay", "Bangalore|Bengaluru", "Kolkata|Calcutta", "Chennai", "Dhaka", "Colombo",
	"Kathmandu", "Beijing|Peking", "Shanghai", "Shenzhen", "Guangzhou", "Wuhan", "Taipei", "Tokyo",
	"Osaka", "Bangkok", "Hanoi", "Ho Chi Minh City|Saigon", "Manila", "Jakarta", "Kuala Lumpur",
	"Sydney", "Melbourne", "Canberra", "Auckland", "Wellington", "Brasilia", "Rio de Janeiro",
	"Sao Paulo|São Paulo", "Buenos Aires", "Santiago", "Lima", "Bogota|Bogotá", "Caracas", "Quito",
	"Davos", "Strasbourg", "The Hague", "Anchorage", "Honolulu", "Toulouse", "Seville",
	"Lyon", "Marseille", "Bordeaux", "Lille", "Nantes", "Rotterdam", "Antwerp", "Ghent", "Utrecht",
	"Cologne", "Stuttgart", "Dresden", "Leipzig", "Naples", "Turin", "Florence", "Venice", "Valencia",
	"Porto", "Bergen", "Gothenburg", "Malmo|Malmö", "Krakow|Kraków", "Gdansk", "Bratislava", "Ljubljana",
	"Salzburg", "Graz", "Basel", "Bern", "Birmingham", "Liverpool", "Leeds", "Bristol", "Cardiff", "Belfast",
	"Cork", "Marrakesh", "Lusaka", "Harare", "Luanda", "Maputo", "Kigali", "Dar es Salaam", "Mogadishu",
	"Sanaa", "Muscat", "Manama", "Kuwait City", "Mosul", "Basra", "Aleppo", "Homs", "Haifa", "Ramallah",
	"Odessa", "Mariupol", "Bakhmut", "Sevastopol", "Novosibirsk", "Vladivostok", "Almaty", "Astana", "Tashkent",
	"Ulaanbaatar", "Hiroshima", "Kyoto", "Busan", "Hangzhou", "Chengdu", "Chongqing", "Tianjin", "Hyderabad",
	"Chittagong", "Yangon", "Phnom Penh", "Vientiane", "Singapore City", "Brisbane", "Adelaide",
	"Christchurch", "Calgary", "Edmonton", "Winnipeg", "Quebec City", "Guadalajara", "Monterrey", "Tijuana",
	"San Juan", "Santo Domingo", "Panama City", "San Salvador", "Managua", "Medellin|Medellín",
	"La Paz", "Montevideo", "Asuncion|Asunción", "Recife",
}

// orgData: international and well-known organizations ("Canonical|alias").
var orgData = []string{
	"United Nations|UN|U.N.", "UN Security Council|Security Council|United Nations Security Council",
	"NATO|North Atlantic Treaty Organization", "European Union|EU|E.U.", "European Commission",
	"European Parliament", "European Central Bank|ECB", "Council of Europe", "African Union|AU",
	"Arab League", "ASEAN", "OPEC", "G7|G-7", "G20|G-20", "World Bank", "International Monetary Fund|IMF",
	"World Trade Organization|WTO", "World Health Organization|WHO", "International Criminal Court|ICC",
	"International Atomic Energy Agency|IAEA", "OSCE", "Red Cross|International Committee of the Red Cross|ICRC",
	"Amnesty International", "Human Rights Watch", "Interpol", "Hamas", "Hezbollah", "Taliban",
	"Islamic State|ISIS|ISIL", "al-Qaeda|al Qaeda", "Kremlin", "White House", "Pentagon",
	"State Department|U.S. State Department|Department of State",
	"Justice Department|Department of Justice|DOJ", "Defense Department|Department of Defense",
	"Homeland Security Department|Department of Homeland Security|DHS", "Treasury Department|Treasury",
	"Congress|U.S. Congress|US Congress", "Senate|U.S. Senate|US Senate|United States Senate",
	"House of Representatives|House|U.S. House", "Supreme Court|U.S. Supreme Court", "Federal Reserve|Fed",
	"FBI|Federal Bureau of Investigation", "CIA|Central Intelligence Agency", "NASA", "NSA",
	"Securities and Exchange Commission|SEC", "Federal Trade Commission|FTC", "Environmental Protection Agency|EPA",
	"Government Accountability Office|GAO", "Air Force|U.S. Air Force|US Air Force", "Army|U.S. Army", "Navy|U.S. Navy",
	"Republicans|Republican Party|GOP|Republican", "Democrats|Democratic Party|Democrat|Democratic", "Labour Party|Labour", "Conservative Party|Conservatives|Tories",
	"Liberal Democrats", "Bundestag", "Duma|State Duma", "Verkhovna Rada|Rada", "Knesset", "Parliament",
	"Apple|Apple Inc.|Apple Computer|Apple Inc", "Microsoft", "Google|Alphabet", "Amazon", "Meta|Facebook", "Intel", "IBM",
	"Motorola", "Samsung", "Sony", "Nokia", "Tesla", "Twitter", "Netflix", "Oracle", "Cisco", "Nvidia",
	"General Motors|GM", "Ford|Ford Motor Company|Ford Motor", "Chrysler", "Fiat", "Toyota", "Honda", "Nissan",
	"Volkswagen|VW", "BMW", "Daimler", "Renault", "Boeing", "Airbus", "Northrop Grumman", "Lockheed Martin",
	"EADS", "Goldman Sachs", "JPMorgan|JPMorgan Chase", "Morgan Stanley", "Citigroup", "Bank of America",
	"Lehman Brothers", "Merrill Lynch", "AIG", "Gazprom", "Rosneft", "BP", "Shell", "ExxonMobil|Exxon",
	"Chevron", "Walmart", "Reuters", "Associated Press|AP", "BBC", "CNN", "Fox News", "New York Times",
	"Wall Street Journal|WSJ", "Financial Times|FT", "Washington Post", "Bloomberg", "United Auto Workers|UAW",
	"AFL-CIO", "Wikipedia", "Wikinews",
}

// titleHeads are the nouns that name a role; titleMods are words that may
// precede a head inside a title ("special envoy", "chief executive").
var titleHeads = wordSet(`president vice-president president-elect secretary minister envoy ceo cfo coo cto chairman
chairwoman chair chairperson senator sen. rep. rep representative congressman congresswoman governor gov. mayor
leader spokesman spokeswoman spokesperson judge justice ambassador diplomat attorney lawyer official officials
director analyst executive officer founder co-founder cofounder commissioner chancellor king queen prince premier
speaker adviser advisor aide counsel economist manager head chief lawmaker general admiral commander prosecutor
editor professor candidate nominee deputy treasurer owner partner banker strategist coordinator administrator
inspector auditor ceo. chief-executive boss whip mp prime-minister foreign-minister negotiator envoy. emissary
correspondent consul pope archbishop bishop cardinal sheriff colonel captain sergeant lieutenant major
superintendent principal dean provost rector trustee governor-general chairman-elect vp svp evp president's
representative. delegate secretary-general regulator investor researcher scientist
councillor councilor councilman councilwoman alderman counterpart co-chair vice-chair co-chairman
secretary-of-state undersecretary under-secretary minister-president`)

var titleMods = wordSet(`special senior former acting deputy vice chief executive general press personal foreign
prime top district majority minority national security associate managing interim assistant state federal defense
defence finance trade economic automotive investment presidential supreme court white house party opposition
house senate intelligence homeland justice health interior energy commerce education labor labour agriculture
treasury transportation environment human rights legal political military army naval air force joint staff
staff principal lead global regional first second third ranking senior-most founding co executive-vice
managing-director financial operating technology marketing communications information commercial sales
research development product public affairs policy inspector-general solicitor attorney-general circuit appeals
federal-reserve central bank union labor-union trade-union cabinet shadow head deputy-chief associate-general
general-counsel procurement law government lead-negotiator chief-of-staff communications-director economic-adviser
economy science digital digitalisation digitalization culture tourism transport climate sport sports youth
family women infrastructure industry immigration migration innovation budget police operations
welfare employment fisheries maritime aviation heritage parliamentary city regional deputy-mayor`)

// titleOfDomains are the words allowed after "Secretary of", "Minister of"…
// inside a capitalised title.
var titleOfDomains = wordSet(`state defense defence homeland security health human services treasury finance commerce
energy education labor labour agriculture transportation interior justice foreign affairs veterans housing economy
trade industry culture environment home war navy army air the internal external economic development
communications information defence interior`)

// honorifics precede a person's name and are not titles of a role.
var honorifics = wordSet(`mr. mrs. ms. miss dr. mr mrs ms dr sir dame lord lady prof. prof`)

// orgSuffixes mark a capitalised phrase as an organization.
var orgSuffixes = wordSet(`inc. inc corp. corp co. co ltd. ltd llc plc group company companies corporation agency
department ministry committee council commission office bureau administration board bank fund university college
institute association union party court parliament assembly congress senate house army navy force forces police
service services authority foundation federation league organization organisation network airlines airways motors
systems technologies holdings partners capital securities exchange times post journal news press media
delegation government cabinet coalition alliance campaign caucus team club center centre hospital school
commission tribunal industries enterprises brothers trust workers institution watch
energy shipping logistics terminals airline pharmaceuticals petroleum steel mining telecom software labs
studios productions consulting insurance bancorp ventures resources construction engineering aerospace
robotics therapeutics biosciences seminary academy`)

// orgHeadWords may start an organization name ("Ministry of …", "Bank of …").
var orgHeadWords = wordSet(`ministry department bank university office council committee commission bureau board
institute federation union association party court house senate government federal service agency`)

// nonNameCaps are capitalised words that do not start or make a name.
var nonNameCaps = wordSet(`the a an and but or nor so yet for in on at to of by with from as if when while after
before since because although though however meanwhile moreover also then there here this that these those it its
he she they we i you his her their our my your him them us me who whom whose what which where why how all some
any many most much more few several both each every no not another other such one two three four five six seven
eight nine ten first second third last next new old according following despite during under over about against
between among through into onto upon within without until till unless whether than yes no ok okay please
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december today yesterday tomorrow tonight mr. mrs. ms. dr. sen. rep. gov. read
click share related photo image credit advertisement subscribe comments comment even just only still now later
earlier instead perhaps maybe indeed former ex overall initially finally previously currently recently once again`)

// firstNames is a small list of common given names, used as a vote for the
// Person type of an otherwise unknown capitalised name.
var firstNames = wordSet(`aaron adam adrian alan albert alex alexander alexandra alexei alfred alice alicia amanda amy
andrea andrew andrei andriy angela angelina ann anna anne anthony antonio arnold arthur barack barbara ben benjamin
bernard bernie bill billy bob bobby boris brad brandon brian bruce carl carlos carol caroline catherine charles
charlie chris christian christina christine christopher chuck claire colin craig dan dana daniel danny david debbie
deborah dennis diana diane dmitry dominic don donald doug douglas ed eddie edward elaine elena elizabeth ellen emily
emma emmanuel eric erich erik eugene frank fred frederick gary george gerald gina gordon greg gregory hannah harold
harry heather helen henry hillary howard hugh ian igor ivan jack jacob james jane janet jared jason jean jeff jeffrey
jennifer jeremy jerry jessica jim jimmy joan joe joel john johnny jon jonathan jose joseph josh joshua joyce juan
judy julia julian julie justin karen kate katherine kathleen kathy keith kelly ken kenneth kevin kim kirk kurt
larry laura lauren lawrence lee leon linda lisa liz louis lucy luis lynn marco margaret maria marie mario mark
martha martin mary matt matthew maxim melissa michael michelle mike mitch mohammed muhammad nancy nathan neil
nicholas nick nicola nicolas nikki nina oleg oliver olga pamela pat patricia patrick paul pete peter petro philip
phil rachel ralph randy ray raymond rebecca richard rick rob robert robin roger ron ronald rose roy rudolph rudy
russell ruth ryan sally sam samuel sandra sara sarah scott sean sergei sergey sharon shirley simon stephen steve
steven susan ted teresa terry theodore thomas tim timothy tina todd tom tony tracy valerie victor victoria
vincent viktor vladimir volodymyr walter wayne william willie xi yulia yuri zach`)

// personPronouns resolve to the most recent person.
var personPronouns = wordSet(`he she him her his`)

// wordSet turns a whitespace-separated list into a lookup set.
func wordSet(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// gazEntry is what a gazetteer phrase resolves to.
type gazEntry struct {
	Name    string
	Type    graph.EntityType
	Demonym bool // the phrase is an adjective of the place ("Russian")
}

// gazetteer maps a lower-cased, space-joined token phrase to an entry.
var gazetteer = buildGazetteer()

// gazMaxLen is the longest gazetteer phrase, in tokens.
var gazMaxLen int

func buildGazetteer() map[string]gazEntry {
	g := make(map[string]gazEntry)
	add := func(phrase string, e gazEntry) {
		k := phraseKey(phrase)
		if k == "" {
			return
		}
		if _, ok := g[k]; ok {
			return
		}
		g[k] = e
		if n := len(strings.Fields(k)); n > gazMaxLen {
			gazMaxLen = n
		}
	}
	for _, line := range countryData {
		names, dem, _ := strings.Cut(line, ";")
		parts := strings.Split(names, "|")
		for _, p := range parts {
			add(p, gazEntry{Name: parts[0], Type: graph.Place})
		}
		if dem != "" {
			for _, d := range strings.Split(dem, "|") {
				add(d, gazEntry{Name: parts[0], Type: graph.Place, Demonym: true})
			}
		}
	}
	for _, line := range placeData {
		parts := strings.Split(line, "|")
		for _, p := range parts {
			add(p, gazEntry{Name: parts[0], Type: graph.Place})
		}
	}
	for _, line := range orgData {
		parts := strings.Split(line, "|")
		for _, p := range parts {
			add(p, gazEntry{Name: parts[0], Type: graph.Organization})
		}
	}
	return g
}

// phraseKey normalises a phrase for gazetteer lookup: lower case, curly
// apostrophes straightened, tokens separated by single spaces.
func phraseKey(s string) string {
	s = strings.ReplaceAll(strings.ToLower(s), "\u2019", "'")
	return strings.Join(strings.Fields(s), " ")
}
