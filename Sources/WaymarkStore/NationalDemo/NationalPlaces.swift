/// The 12 probation regions of England and Wales and 100 of their delivery units, for the
/// national dataset. Each region is run by one of four made-up peer mentoring providers.
enum NationalPlaces {
    struct Region {
        let name: String
        let slug: String
        /// The word in the region's demo sign-ins, e.g. `coordinator.london@waymark.example`.
        let short: String
        let letter: Character
        let units: [String]
    }

    static let providers = [
        ("Northern Peer Mentoring Partnership", "northern-partnership"),
        ("Midlands and Wales Peer Alliance", "midlands-wales-alliance"),
        ("Southern Lived Experience Network", "southern-network"),
        ("London and East Peer Support", "london-east-peer-support"),
    ]

    static let regions: [(provider: Int, region: Region)] = [
        (0, Region(name: "North East", slug: "north-east", short: "northeast", letter: "A",
                   units: ["Newcastle", "Gateshead", "Sunderland", "North Tyneside", "South Tyneside", "Northumberland", "County Durham", "Darlington"])),
        (0, Region(name: "North West", slug: "north-west", short: "northwest", letter: "B",
                   units: ["Liverpool North", "Liverpool South", "Sefton", "Wirral", "Knowsley and St Helens", "Cumbria", "Lancashire North", "Blackburn", "Preston"])),
        (0, Region(name: "Yorkshire and the Humber", slug: "yorkshire-humber", short: "yorkshire", letter: "C",
                   units: ["Leeds", "Bradford and Calderdale", "Kirklees", "Wakefield", "Sheffield", "Doncaster", "Rotherham", "Hull", "York"])),
        (0, Region(name: "Greater Manchester", slug: "greater-manchester", short: "manchester", letter: "D",
                   units: ["Manchester North", "Manchester South", "Salford", "Bolton", "Wigan", "Stockport", "Oldham", "Tameside"])),
        (1, Region(name: "East Midlands", slug: "east-midlands", short: "eastmidlands", letter: "E",
                   units: ["Derby City", "Derbyshire", "Nottingham City", "Nottinghamshire", "Leicester", "Lincolnshire East", "Northamptonshire", "Lincolnshire West"])),
        (1, Region(name: "West Midlands", slug: "west-midlands", short: "westmidlands", letter: "F",
                   units: ["Birmingham North", "Birmingham South", "Coventry", "Dudley", "Sandwell", "Walsall", "Wolverhampton", "Stoke", "Worcestershire"])),
        (1, Region(name: "Wales", slug: "wales", short: "wales", letter: "G",
                   units: ["Cardiff", "Swansea", "Newport", "Cwm Taf", "Gwent", "North Wales", "Dyfed-Powys", "Bridgend"])),
        (2, Region(name: "South West", slug: "south-west", short: "southwest", letter: "H",
                   units: ["Bristol", "Devon", "Plymouth", "Cornwall", "Somerset", "Gloucestershire", "Wiltshire", "Dorset"])),
        (2, Region(name: "South Central", slug: "south-central", short: "southcentral", letter: "J",
                   units: ["Southampton", "Portsmouth", "Hampshire", "Oxford", "Reading", "Milton Keynes", "Isle of Wight", "Swindon"])),
        (2, Region(name: "Kent, Surrey and Sussex", slug: "kent-surrey-sussex", short: "kss", letter: "K",
                   units: ["Canterbury", "Maidstone", "Medway", "Brighton and Hove", "East Sussex", "West Sussex", "Surrey"])),
        (3, Region(name: "East of England", slug: "east-of-england", short: "east", letter: "L",
                   units: ["Norfolk", "Suffolk", "Cambridgeshire", "Peterborough", "Bedfordshire", "Hertfordshire", "Essex North", "Southend"])),
        (3, Region(name: "London", slug: "london", short: "london", letter: "M",
                   units: ["Camden and Islington", "Hackney", "Tower Hamlets", "Lambeth", "Southwark", "Croydon", "Barnet", "Newham", "Ealing", "Brent"])),
    ]
}
