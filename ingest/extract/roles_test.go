package extract

import "testing"

// TestRolePatterns covers the role patterns of roles.go with invented
// sentences: one text in, the expected role (or none) out.
func TestRolePatterns(t *testing.T) {
	runRoleCases(t, "2025-06-11", []roleCase{
		{"possessive reference to the company", "Tarvik Mining reported a loss. The company's chief executive, Olga Brandt, blamed prices.", "Olga Brandt", "chief executive", "Tarvik Mining", false, false},
		{"its refers to the organization before", "The Pellham Rowing Association objected. Its president, Hugo Marsh, wrote to the council.", "Hugo Marsh", "president", "Pellham Rowing Association", false, false},
		{"title before comma with for-phrase", "The deputy mayor for housing, Maria Ferro, proposed a rent cap.", "Maria Ferro", "deputy mayor for housing", "", false, false},
		{"name then possessive org and lower-case title", "Ruth Kessel, Dunmore's operations director, left early.", "Ruth Kessel", "operations director", "Dunmore", false, false},
		{"resigned as head of a lower-case unit", "Ruth Kessel resigned as head of the safety programme last year.", "Ruth Kessel", "head of the safety programme", "", true, false},
		{"resigned as director of a named service", "Omar Vale resigned as director of the Welsh regional transport service in 2021.", "Omar Vale", "director", "Welsh regional transport service", true, false},
		{"demonym and capitalised portfolio", "Chilean Mining Minister Tomas Ibar visited the site.", "Tomas Ibar", "Mining Minister", "Chile", false, false},
		{"country possessive, lower-case portfolio", "Poland's economy minister, Ewa Malik, backed the plan.", "Ewa Malik", "economy minister", "Poland", false, false},
		{"unknown company before lower-case title", "Brightwater Foods chief executive Lena Holt announced the cuts.", "Lena Holt", "chief executive", "Brightwater Foods", false, false},
		{"led by with a title between", "The Green Valley Party, led by councillor Ivo Brandt, voted no.", "Ivo Brandt", "leader", "Green Valley Party", false, false},
		{"the alliance resolves to its name", "The North Sea Fishing Alliance held a rally. Pia Lund, the spokesperson for the alliance, said boats stayed in port.", "Pia Lund", "spokesperson", "North Sea Fishing Alliance", false, false},
		{"possessive plural in an organization's name", "Tom Reyes, the president of the Coastal Bakers' Union, called a strike.", "Tom Reyes", "president", "Coastal Bakers' Union", false, false},
		{"mayor takes the city named before", "Berlin's council met on Friday. Mayor Klara Voss called the vote historic.", "Klara Voss", "Mayor", "Berlin", false, false},
		{"apposition with at and a possessive ministry", "Dan Pop, a state secretary at Romania's Ministry of Finance, left.", "Dan Pop", "state secretary", "Ministry of Finance", false, false},
		{"was previously title at org", "Eva Stroud, 52, was previously head of treasury at Kallin Shipping in Oslo.", "Eva Stroud", "head of treasury", "Kallin Shipping", false, false},
		{"founded by several people", "Bluefin Labs was founded in 2011 by Mark Ruiz and Anna Ocampo.", "Anna Ocampo", "founder", "Bluefin Labs", false, false},
		{"counterpart with a demonym", "The minister will meet her Greek counterpart, Nikos Raptis, on Monday.", "Nikos Raptis", "counterpart", "Greece", false, false},
		{"company appointed X as its officer", "Harlow Energy on Monday appointed Ines Quinn as its chief financial officer.", "Ines Quinn", "chief financial officer", "Harlow Energy", false, false},
		{"campaign adviser after a person's name", "Investigators questioned Paul Drake, a former Smith campaign adviser, in May.", "Paul Drake", "campaign adviser", "Smith", true, false},
		{"trap: title without a name", "The chief executive said the plant would reopen.", "", "", "", false, true},
		{"trap: name without a title", "Marta Silva arrived in Lisbon on Tuesday.", "", "", "", false, true},
		{"trap: a place is not a person", "The report said Vienna resigned as host of the games.", "", "", "", false, true},
	})
}
