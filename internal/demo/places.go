package demo

// County is a Norwegian county (fylke) in the structure that took effect on
// 1 January 2024, with its county number.
type County struct {
	Number, Name string
}

// Office is a Nav office with the municipality it serves. Municipality is
// the municipality number (kommunenummer); its first two digits are the
// county number, which is how the demo places the office under its county.
type Office struct {
	Name             string
	Municipality     string
	MunicipalityName string
	County           County
}

var (
	oslo      = County{"03", "Oslo"}
	rogaland  = County{"11", "Rogaland"}
	nordland  = County{"18", "Nordland"}
	akershus  = County{"32", "Akershus"}
	innlandet = County{"34", "Innlandet"}
	agder     = County{"42", "Agder"}
	vestland  = County{"46", "Vestland"}
	trondelag = County{"50", "Trøndelag"}
	troms     = County{"55", "Troms"}
)

// Offices is the fixed table the demo draws its offices from, in the order
// they are used: the first few already spread over several counties, so a
// small data set looks as national as the full one. Only municipality
// numbers valid from 2024 that the authors are sure of are listed; Oslo,
// Bergen and Trondheim have one municipality number for all their
// district offices. Stavanger (TIPS) and Levanger (JMO) had early IPS-type
// services (domain notes, "Norway").
var Offices = []Office{
	{"Nav Bergenhus", "4601", "Bergen", vestland},
	{"Nav Grünerløkka", "0301", "Oslo", oslo},
	{"Nav Stavanger", "1103", "Stavanger", rogaland},
	{"Nav Tromsø", "5501", "Tromsø", troms},
	{"Nav Lerkendal", "5001", "Trondheim", trondelag},
	{"Nav Kristiansand", "4204", "Kristiansand", agder},
	{"Nav Bærum", "3201", "Bærum", akershus},
	{"Nav Bodø", "1804", "Bodø", nordland},
	{"Nav Hamar", "3403", "Hamar", innlandet},
	{"Nav Åsane", "4601", "Bergen", vestland},
	{"Nav Frogner", "0301", "Oslo", oslo},
	{"Nav Levanger", "5037", "Levanger", trondelag},
	{"Nav Sandnes", "1108", "Sandnes", rogaland},
	{"Nav Lillehammer", "3405", "Lillehammer", innlandet},
	{"Nav Alna", "0301", "Oslo", oslo},
	{"Nav Heimdal", "5001", "Trondheim", trondelag},
	{"Nav Rana", "1833", "Rana", nordland},
	{"Nav Gjøvik", "3407", "Gjøvik", innlandet},
}

// officeAt returns office i of the table; data sets larger than the table
// (benchmarks) reuse its places under numbered names, so that every office
// still sits in a real county and municipality.
func officeAt(i int) Office {
	o := Offices[i%len(Offices)]
	if n := i / len(Offices); n > 0 {
		o.Name = o.Name + " " + itoa(n+1)
	}
	return o
}
