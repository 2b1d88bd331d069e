"""Small texts written for these tests (not taken from the examples or the eval sets)."""

ARTICLE = (
    "Heavy rain flooded the lower town of Karvel on Tuesday night, forcing hundreds of families to leave "
    "their homes before dawn. Municipal engineers said the old drainage canal collapsed under the weight "
    "of debris carried down from the hills.\n\n"
    "By Wednesday morning the water had reached the market square and the bus station, where dozens of "
    "vehicles were left half submerged. Volunteers in small boats ferried elderly residents to the school "
    "on the ridge, which the council opened as a shelter.\n\n"
    "The regional governor promised emergency funds and blamed years of neglect for the disaster. "
    "Opposition councillors replied that warnings about the canal had been ignored since the spring, "
    "and demanded an independent inquiry into the spending of the maintenance budget.\n\n"
    "Forecasters expect more rain over the weekend. The river authority has asked people living near the "
    "banks to move valuables upstairs and to follow the evacuation notices posted at the town hall."
)

OTHER_ARTICLE = (
    "The national orchestra opened its winter season with a programme of forgotten symphonies, drawing a "
    "full house to the renovated concert hall. Critics praised the young conductor for the energy of the "
    "finale and the clarity of the woodwind passages.\n\n"
    "Ticket sales have doubled since the hall reopened in autumn, the director said, thanks largely to a "
    "scheme offering cheap seats to students. The orchestra plans a tour of provincial towns in March, "
    "with free open rehearsals for local schools.\n\n"
    "Not everyone is pleased. Residents of the neighbouring streets complain about traffic on concert "
    "nights and want the city to build a car park outside the historic centre."
)

SAME_TOPIC = (
    "Flood warnings remain in force across the valley after a week of storms. In the village of Orsen "
    "the river burst its banks on Monday, cutting the only road to the district hospital. Rescue teams "
    "used tractors to reach isolated farms.\n\n"
    "Officials said the rain was the heaviest recorded in thirty years. Farmers fear that the flooded "
    "fields will not be ready for planting in spring, and have asked the ministry for compensation."
)

BOILERPLATE = (
    "Support independent journalism: please donate to keep this site running. Share this article with your "
    "friends and follow us for daily updates."
)
