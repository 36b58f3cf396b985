"""Incidents and directives: triggers in scope, arguments, merging, responses, dates."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.clean import clean
from kg.model import Metadata, RawArticle
from kg.pipeline import Converter

PUBLISHED = dt.date(2020, 8, 3)  # a Monday


@pytest.fixture(scope="module")
def converter() -> Converter:
    return Converter()


def extract(converter, text, published=PUBLISHED):
    article = clean(RawArticle("t", "t.txt", text, Metadata(published=published)))
    return converter.extract(article)


def types(frames):
    return [f.type for f in frames]


@pytest.mark.parametrize("text,expected", [
    ("Three smugglers were arrested in Hyesan.", ["Arrest"]),
    ("Three smugglers were not arrested in Hyesan.", []),
    ("Smugglers haven’t been apprehended yet.", []),
    ("If they escape, their families will be punished.", []),
    ("Officials threatened to arrest anyone caught trading.", []),
    ("Inminban heads must answer for any resident caught selling from a doorstep.", []),
    ("The order fines any trader who is arrested twice.", []),
    ("The leader ordered forces to seal off the border.", []),
    ("A man who had defected three years ago spoke to us.", []),
    ("None of the officers responsible for the transport unit has been disciplined.", []),
    ("No one at the power company has been punished so far.", []),
    ("No one knows how many traders were arrested in Hyesan.", ["Arrest"]),
    ("Rights groups say returnees are usually questioned for weeks.", []),
    ("Residents protested outside the county office in Hoeryong.", ["Unrest"]),
    ("Floods destroyed homes in Sinuiju.", ["Disaster"]),
])
def test_incidents_in_scope(converter, text, expected):
    assert types(extract(converter, text).incidents) == expected


@pytest.mark.parametrize("text,expected", [
    ("Sixteen North Koreans crossed into China.", 16),
    ("Two families or eight people in total escaped the country.", 8),
    ("Police arrested 23 traders in Hyesan.", 23),
    ("Police arrested traders in Hyesan.", None),
    # a comma only joins digits in thousands: "March 2, officials" counts nobody
    ("On March 2, officials moved 43 patients to an isolation ward.", 43),
    ("Police arrested 1,200 traders in Hyesan.", 1200),
])
def test_participants_in_words_and_digits(converter, text, expected):
    incidents = extract(converter, text).incidents
    assert incidents and incidents[0].participants == expected


@pytest.mark.parametrize("text,expected", [
    ("Smugglers were arrested in Hyesan last month.", "2020-07"),
    ("Smugglers were arrested in Hyesan on Sunday.", "2020-08-02"),
    ("On Aug. 1, smugglers were arrested in Hyesan.", "2020-08-01"),
    ("Smugglers were arrested in Hyesan, a source told Daily NK on Sunday.", None),
    ("Smugglers were arrested in Hyesan, the source said in a phone call on Sunday.", None),
    ("Markets in Hyesan have been closed.", "2020-08"),  # a state: publication month
    ("Smugglers were arrested ahead of the anniversary in October.", None),
    ("Police had arrested the smugglers in Hyesan by Aug. 1.", None),  # a deadline
    # a deadline is not its time ("2020" would be); as a state it takes the publication month
    ("Students were mobilized to finish the hotel before the end of the year.", "2020-08"),
    ("Two workers walked out of their dormitory before dawn on Aug. 1.", "2020-08-01"),
    # a comparison point is not the event's time: a state, so the publication month
    ("Rice prices have soared, up from 4,900 won at the start of April.", "2020-08"),
    ("Rice prices have soared compared with last month.", "2020-08"),
    ("Two smugglers were arrested after they fell from a truck on Sunday.", "2020-08-02"),
    # a time opened by the trigger's last word is its time
    ("Their engine broke down on Aug. 1 and they drifted for three days before a ship came.",
     "2020-08-01"),
    # a time counting from a day told earlier in the same sentence
    ("A boat went dry on the 1st, and two men were washed overboard that night.",
     "2020-08-01"),
    # "by October" read whole is still a deadline
    ("Students were mobilized to finish the hotel by October.", "2020-08"),
    # a time of a clause joined after the trigger comes after one opening the sentence
    ("On Aug. 1, police picked up two women, and both were still held on Sunday.",
     "2020-08-01"),
    ("Police picked up two women, and both were still held on Sunday.", "2020-08-02"),
])
def test_incident_dates(converter, text, expected):
    incident = extract(converter, text).incidents[0]
    assert (incident.time.value if incident.time else None) == expected


@pytest.mark.parametrize("text,expected", [
    # the event a time counts from leaves room for the sentence's own event of its type
    ("Two days after the execution, three of his aides were given 15-year terms.",
     [("Punishment", "execution"), ("Punishment", "given 15-year")]),
    # "her nephew was picked up": a possessive opens the subject, the arrest is a new one
    ("Police arrested a trader in Hyesan on Aug. 1. Two days after her arrest, her nephew "
     "was picked up in Chongjin.",
     [("Arrest", "arrested"), ("Arrest", "was picked up")]),
])
def test_an_event_counted_from_and_the_sentence_own_event(converter, text, expected):
    assert [(f.type, f.trigger) for f in extract(converter, text).incidents] == expected


def test_the_event_counted_from_does_not_take_the_time_that_counts_from_it(converter):
    x = extract(converter, "Smugglers were caught in Hyesan on Aug. 1. Two days after the "
                           "execution, three guards were dismissed.")
    assert [(f.trigger, f.time.value if f.time else None) for f in x.incidents] == [
        ("caught", "2020-08-01"), ("execution", None), ("dismissed", "2020-08-03")]


def test_a_time_opening_a_clause_after_a_colon_dates_its_verb(converter):
    x = extract(converter, "The market has been through this before: in December 2016 its "
                           "manager was sacked.")
    assert [(f.type, f.time.value) for f in x.incidents] == [("Punishment", "2016-12")]


def test_an_old_event_does_not_retell_the_undated_news_of_the_lead(converter):
    x = extract(converter, "A team has been working its way through the market in Hamhung, "
                           "confiscating goods and stripping dozens of vendors of their selling "
                           "permits.\n\nThe market has been through this before: in December "
                           "2016 its manager was sacked.")
    assert [(f.trigger, f.time.value if f.time else None) for f in x.incidents
            if f.type == "Punishment"] == [
        ("stripping dozens of vendors of their selling permits", None),
        ("sacked", "2016-12")]


def test_a_time_right_before_the_launch_verb_dates_the_campaign(converter):
    x = extract(converter, 'The Pyongyang City Party Committee on Friday launched a "100-day '
                           'struggle to guard our language" at every university.')
    assert [(f.type, f.time.value) for f in x.directives] == [("Campaign", "2020-07-31")]


@pytest.mark.parametrize("written", ["Unryul County", "Ullyul County", "Unryul"])
def test_a_county_is_called_by_the_spelling_reporting_uses(converter, written):
    x = extract(converter, f"Two families were banished to a farm in {written}.")
    assert [p.label for f in x.incidents for p in f.places] == ["Unryul County"]


def test_a_month_of_that_year_counts_from_the_year_told_before(converter):
    """The latest time told before, though a day was told earlier still."""
    x = extract(converter, "On Aug. 2, four smugglers were tried in Uiju. Such trials have "
                           "been common since August 2017, when the ministry put up notices. "
                           "In December of that year, a soldier was executed in Sakju.")
    assert [(f.type, f.time.value) for f in x.incidents] == [
        ("Punishment", "2020-08-02"), ("Punishment", "2017-12")]


def test_a_campaign_told_again_by_its_name_is_one_campaign(converter):
    """Whatever days its tellings give: the battle was behind on Nov. 18, launched in October."""
    x = extract(converter, "Seven boats were sent out on Nov. 18 because the winter fishing "
                           "battle was running behind. The provincial party committee in "
                           'Wonsan launched the "winter fishing battle" in early October.')
    assert types(x.directives) == ["Campaign"]


@pytest.mark.parametrize("text,expected", [
    # a sentence telling events of one type in clauses that open with their own times
    ("On Aug. 1, guards at the farm in Kuyang-ri caught a soldier prising the lock off the seed "
     "store, two days later three women from Sonam-ri were stopped at the gate, and officers "
     "arrested Pak Chol Jun, one of the Kuyang-ri guards, on Sunday.",
     [("caught", "2020-08-01"), ("arrested", "2020-08-02")]),
    # one clause with its time: one arrest
    ("Police arrested him on Aug. 1 and detained his wife.", [("arrested", "2020-08-01")]),
    # a time ending its clause opens none
    ("Police arrested a trader in Hyesan, Ryanggang Province, last week when guards detained "
     "her brother.", [("arrested", "2020-07")]),
])
def test_events_of_one_type_in_dated_clauses_of_a_sentence(converter, text, expected):
    x = extract(converter, text)
    assert [(f.trigger, f.time.value if f.time else None) for f in x.incidents
            if f.type == "Arrest"] == expected


def test_each_event_of_a_sentence_keeps_the_places_of_its_clause(converter):
    x = extract(converter, "On Aug. 1, guards caught a boy in Kumsong-ri, and on Monday the "
                           "storekeeper was taken away by officers in Songha-ri.")
    assert [[p.label for p in f.places] for f in x.incidents] == [["Kumsong-ri"],
                                                                  ["Songha-ri"]]


def test_a_time_goes_to_the_trigger_it_can_date(converter):
    """"five years ago" sits right before "crossed back" but can only date "defected";
    "on Sunday" sits before "questioned" but can only date "crossed back"."""
    x = extract(converter, "A woman who defected to South Korea five years ago crossed back "
                           "into North Korea at Sinuiju on Sunday and is now being questioned "
                           "by the Ministry of State Security.")
    dates = {f.type: f.time.value if f.time else None for f in x.incidents}
    assert dates["Defection"] == "2015"
    assert dates["ReturnDefection"] == "2020-08-02"


@pytest.mark.parametrize("text,expected", [
    ("The trial was held at the city people's court, and all three got ten years.",
     ["Punishment"]),
    ("Fever medicine has run out at the state pharmacies.", ["Shortage"]),
    ("He had been carrying herbs and cigarettes across the river to Chinese traders.",
     ["Smuggling"]),
    ("Residents are being sent to collective farms every day.", ["Mobilization"]),
    ("The day after the clash, officers picked up four men in Hyesan.", ["Arrest"]),
    ("Agents have been keeping watch on the riverside lanes day and night.", ["Surveillance"]),
    ("Three fishermen slipped away to South Korea in a small boat.", ["Defection"]),
    ("Nobody has been let in or out of the village since the arrests.", ["Arrest", "Lockdown"]),
    ("So far none of the four has been put on trial, the source said.", []),
    ("A defector waded back across the Tumen River into Musan County.", ["ReturnDefection"]),
    ("Smugglers have been meeting Chinese boats off Nampo at night.", ["Smuggling"]),
    ("Relatives shouted at officials at the factory gate in Kanggye.", ["Unrest"]),
    ("Authorities have barred traders from selling rice at the markets.", ["MarketDisruption"]),
    ("A family slipped across the frozen Tumen River into China.", ["Defection"]),
    ("Border guards spent three days searching barns and cellars near Namyang.", ["Search"]),
    ("North Korea put two public health officials to death in Pyongyang.", ["Punishment"]),
    ("Some 4,570 people with fever were newly isolated on Wednesday.", ["Quarantine"]),
    ("Fourteen laborers fled construction sites in Vladivostok.", ["Defection"]),
    ("A summer without rain has ruined this year's corn harvest.", ["Shortage"]),
    ("Scaffolding collapsed at a hotel in Wonsan, injuring 17 workers.", ["Disaster"]),
    ("They had been hauling copper wire across the frozen Tumen River.", ["Smuggling"]),
    ("Border guards grabbed them on the riverbank in late February.", ["Arrest"]),
    ("Police have been going from house to house in Hyesan.", ["Search"]),
    ("Corn cost 3,400 won in Hyesan, nearly double the price of a year earlier.",
     ["Shortage"]),
    ("About 7,000 soldiers were dispatched to the island to haul stone.", ["Mobilization"]),
    ("About 70 workers were sent home over the bridge to Namyang.", ["Repatriation"]),
    ("A soldier deserted his unit in Huichon earlier this month.", ["Defection"]),
    ("Officers took five people into custody in Munchon last Friday.", ["Arrest"]),
    ("Chinese police handed roughly 50 North Koreans back to the North.", ["Repatriation"]),
    ("Seven fishermen kept sailing until they reached the South.", ["Defection"]),
    ("A young border guard was shot in front of them last Tuesday.", ["Punishment"]),
    ("Work crews have been bolting satellite beacons to the wheelhouses.", ["Surveillance"]),
    ("A fire that took hold on a hillside raged for two days.", ["Disaster"]),
    ("Army officers had been siphoning fuel from the unit's reserves.", ["Smuggling"]),
    ("Drivers parked across the highway and refused to budge.", ["Unrest"]),
    ("Inspectors stop teenagers, plugging their USB sticks into a laptop.", ["Search"]),
    ("Relatives have been summoned one household at a time in Sinpo.", ["Search"]),
    ("The committee dismissed the factory manager in Kanggye.", ["Punishment"]),
    ("The source dismissed it as gossip.", []),
    ("The ministry dismissed a Japanese newspaper's report that 20 people had been rounded "
     "up and were awaiting deportation.", []),
    ("Five residents were caught on the night of March 28 near Hyesan.", ["Arrest"]),
    ("The smuggling was caught on camera in Hyesan.", ["Smuggling"]),
    ("They crossed on the night of the 9th, when the water was still low.", []),
    ("Supplies were running low in Hyesan.", ["Shortage"]),
    ("The price of corn at Hamhung's Sapo Market has risen by a third.", ["Shortage"]),
    ("Pharmacies in the city ran out of fever reducers within days.", ["Shortage"]),
    ("The committee ran out of patience with the traders.", []),
    ("The three were tried in front of the county cultural hall.", ["Punishment"]),
    ("The new phones were tried out in Hyesan.", []),
    ("One got 15 years in a reform camp.", ["Punishment"]),
    ("Since Monday, the town has been sealed.", ["Lockdown"]),
    ("The packages have been sealed with tape.", []),
    ("Some forty women forced their way into the managers' office.", ["Unrest"]),
    ("They pushed in and would not leave until they got their goods back.", ["Unrest"]),
    ("Officers took two of the women, said to have led the crowd, to the people's security "
     "station.", ["Arrest"]),
    ("Officials began confiscating Chinese-made clothes from their stalls.",
     ["MarketDisruption"]),
    ("He said he had gone back late last year \"to the embrace of the motherland.\"",
     ["ReturnDefection"]),
    ("About 1,500 students from colleges in Hamhung have been trucked to Hamju County.",
     ["Mobilization"]),
    ("Drinking water is being trucked to evacuees.", []),
    ("An overloaded truck went off a mountain road near Wonsan.", ["Disaster"]),
    ("The accident has done little to slow the work.", []),  # told again only
    ("Food, however, is scarce on the mountain.", ["Shortage"]),
    ("The mine has not handed out a single ration since April.", ["Shortage"]),
    ("Officers picked up the man at his flat the next morning.", ["Arrest"]),
    ("Officers picked her up at the bus station.", ["Arrest"]),
    ("Nobody was allowed in or out until the 9th.", ["Lockdown"]),
    ("Their families may leave food at the gate, but nobody has been allowed in.", []),
    ("Three women escaped from their dormitory in Hunchun.", ["Defection"]),
    ("She was caught by Chinese police and handed back to the North.",
     ["Arrest", "Repatriation"]),
    ("She was driven across the bridge at Quanhe to Rason.", ["Repatriation"]),
    ("They marched about 3,000 people from the factories to the riverbank to watch.",
     ["Mobilization"]),
    ("Some 300 students have been sent to the mine to load coal.", ["Mobilization"]),
    ("It was carried across the Yalu River at night.", ["Smuggling"]),
    ("Around 200 miners refused to go down the pits for two days.", ["Unrest"]),
    ("His brother was thrown out of the army.", ["Punishment"]),
    ("As long as people get no rations, they will keep stealing.", []),
    ("A worker slipped away from a building site in Qatar.", ["Defection"]),
    ("He asked for protection at the South Korean embassy in Doha.", ["Defection"]),
    ("Agents combed the outskirts of Doha looking for him.", ["Search"]),
    ("The twelve men were put on a flight to Beijing.", ["Repatriation"]),
    ("The team leader was relieved of his post.", ["Punishment"]),
    ("Three fishing boats were lost in a storm in the East Sea.", ["Disaster"]),
    ("The MSS watched the family day and night.", ["Surveillance"]),
    ("Officers watched from across the road.", []),
    ("Authorities closed the city's main market for four days.", ["MarketDisruption"]),
    ("They took away 11 men from the factory.", ["Arrest"]),
    ("Two workers disappeared from a building site in Khabarovsk.", ["Defection"]),
    ("Around sixty women pushed into the administration building.", ["Unrest"]),
    ("The complex has not given its roughly 8,000 workers a full ration since June.",
     ["Shortage"]),
    ("Those without family nearby are already going hungry.", ["Shortage"]),
    ("Miners have been handing sacks across to Chinese buyers at night.", ["Smuggling"]),
    ("Three students were killed last week when a pile of logs broke loose.", ["Disaster"]),
    ("Russian police picked up one of the pair at a building site.", ["Arrest"]),
    ("Bowibu agents were going door to door down the whole street.", ["Search"]),
    ("Plainclothes agents have been seen walking the riverbank at night.", ["Surveillance"]),
    ("A fire tore through the main market in Hyesan last week.", ["Disaster"]),
    ("African swine fever has broken out at farms near Kanggye.", ["Disaster"]),
    ("Food prices have climbed since the fire.", ["Shortage"]),
    ("What little is sold now costs twice as much as in May.", ["Shortage"]),
    ("About 30 women surrounded the veterinary workers in Kanggye.", ["Unrest"]),
    ("The market has not reopened since the fire.", ["MarketDisruption"]),
    ("Inspectors have been seizing heaters from stalls every day.", ["MarketDisruption"]),
    ("Households in Chongjin get barely two hours of electricity a day.", ["Shortage"]),
    ("The eleven were driven across the Yalu River bridge to Sinuiju.", ["Repatriation"]),
    ("Housewives from Anak town have been trucked out at six every morning.", ["Mobilization"]),
    ("Since Monday some 2,000 farmers and office workers have been pumping water off the land.",
     ["Mobilization"]),
    ("For weeks some miners have been carrying ore down to the river at night.", []),
    ("Agents have been watching the homes of the two families since spring.", ["Surveillance"]),
    ("Residents must report any overnight guest to the inminban head.", ["Surveillance"]),
    ("Officers came for him before dawn and led him away with his two sons.", ["Arrest"]),
    ("Over the next week they picked up buyers and middlemen one after another.", ["Arrest"]),
    ("Officers turned the homes of everyone in his notebook upside down.", ["Search"]),
    ("A ring was sneaking frozen crab into China under cartons of eyelashes.", ["Smuggling"]),
    ("The fish section of the market has stood almost empty ever since.",
     ["MarketDisruption"]),
    ("About thirty women traders surrounded two inspectors in the market.", ["Unrest"]),
    ("Two soldiers captured by Ukrainian forces remain in custody in Kyiv.", ["Arrest"]),
    ("The scene was captured on camera by a resident.", []),
    ("Dockworkers who handle the goods are isolated for two weeks afterward.", ["Quarantine"]),
    ("The office head had been removed from his job for letting factories draw current.",
     ["Punishment"]),
    ("Electricity cuts have knocked out the irrigation pumps.", ["Shortage"]),
    ("The won has lost close to a third of its value against the yuan.", ["MarketDisruption"]),
    ("Many vendors have since pulled their shutters down.", ["MarketDisruption"]),
    ("Some 1,200 students from Sariwon have been sent to Hwangju to bring in the crop.",
     ["Mobilization"]),
    ("About 800 workers were flown to Vladivostok in late October to build apartments.",
     ["Mobilization"]),
    ("Then the soldiers went house to house, poking through attics.", ["Search"]),
    ("Scaffolding on a high-rise apartment tower gave way on the 4th.", ["Disaster"]),
    ("Two days after the collapse, the engineer was taken into custody.", ["Arrest"]),
    ("A mother and her son got across the Tumen River into China late last month.",
     ["Defection"]),
    ("She was picked up by Chinese police and handed back at Namyang in April.",
     ["Arrest", "Repatriation"]),
    ("A trader was brought in by the city people's security station that afternoon.",
     ["Arrest"]),
    ("Food is being brought in once a day by the supply office.", []),
    ("Nobody has been allowed past the gate of their block since the 12th.", ["Lockdown"]),
    ("Reservists were told to report to their units on the evening of the 21st.",
     ["Mobilization"]),
    ("Clean drinking water is hard to come by in the district.", ["Shortage"]),
    ("Most households are living on wild greens and corn husks.", ["Shortage"]),
    ("Officials told traders at the main market to pack up and go home.",
     ["MarketDisruption"]),
    ("Some 4,000 students have been sent out to the island each morning, hauling sand.",
     ["Mobilization"]),
    ("She left Musan County with a broker in the winter of 2016.", ["Defection"]),
    ("She and four other women were marched over the bridge to Namyang.", ["Repatriation"]),
    ("Officers picked Han up during a household registration check.", ["Arrest"]),
    ("Agents drove all five to the county state security department's holding center.",
     ["Arrest"]),
    ("The head of their inminban has been writing down everyone who visits the house.",
     ["Surveillance"]),
    ("Chinese police handed eighteen North Koreans back over the bridge on the 10th.",
     ["Repatriation"]),
    ("Two days later, bowibu agents took away Kang Ok Sun, a trader.", ["Arrest"]),
    ("Rice went from 4,800 won to 6,200 won a kilogram within a week.", ["Shortage"]),
    ("About forty women pushed past the guards at the entrance.", ["Unrest"]),
    ("Families crowded around the officials handing out corn.", ["Unrest"]),
    # negated subjects after an adverb or with a relative clause; a general rule
    ("So far none of the four smugglers has been caught.", []),
    ("None of the farmers who took part in the sit-down has been arrested.", []),
    ("Since this month, anyone caught pouring fuel out of a can loses the lot.", []),
    ("People used to complain openly about the shortages.", []),
    # "the crackdown" tells again a crackdown told before; alone it starts none
    ("The crackdown has already netted its first victims.", []),
    ("Police launched a crackdown on phone users in Hyesan.", ["Search"]),
    ("KCNA dismissed South Korean media reports that hundreds had drowned.", []),
    ("Much of the area was stripped of its forest cover decades ago.", []),
    ("The platoon leader was stripped of his rank and discharged.", ["Punishment"]),
    ("Its commander was stripped of rank and sent to a construction unit.", ["Punishment"]),
    ("People's security officers burst into two homes in the city on Sunday.", ["Search"]),
    ("Agents resettled 23 relatives in mountain villages in Yonsa County.", ["Punishment"]),
    ("Crab prices in Nampo's markets have dropped by almost half.", ["MarketDisruption"]),
    ("A three-man crew was returned by the same route in March.", ["Repatriation"]),
    ("A cloud of ammonia left four workers dead and sent twenty to hospital.", ["Disaster"]),
    ("The heat wave has claimed the lives of six farmers.", ["Disaster"]),
    ("African swine fever has ripped through pig farms around Jongju.", ["Disaster"]),
    ("Bitter cold has gripped the county since early January.", ["Disaster"]),
    ("Electricity in the county comes on for barely two hours a day.", ["Shortage"]),
    ("On Jan. 8, two loggers were taken to the provincial state security department.",
     ["Arrest"]),
    ("The men were handed to the county people's security station.", ["Arrest"]),
    ("Since then they have been held at the provincial State Security Department.",
     ["Arrest"]),
    ("Four residents dragged stolen copper cable over the frozen Yalu River.", ["Smuggling"]),
    ("Chinese authorities sent 17 women home through the border city of Sinuiju.",
     ["Repatriation"]),
    ("Cement is in such short supply that batches are stretched with sand.", ["Shortage"]),
    ("Every household has had to send one adult to the site each day.", ["Mobilization"]),
    ("The inminban head now keeps a log of everyone who visits the house.",
     ["Surveillance"]),
    ("The next day they rifled through the house.", ["Search"]),
    ("On Friday, patrols hauled in three women for wearing sleeveless blouses.", ["Arrest"]),
    ("The driver was grilled for a full day at a substation.", ["Arrest"]),
    ("Trucks carted the four families and their belongings to cooperative farms.",
     ["Punishment"]),
    ("The group has fixed a locked box outside the building for anonymous denunciations.",
     ["Surveillance"]),
    ("Workers and housewives were marched there by their factories.", ["Mobilization"]),
    ("The two remaining crew members have decided to resettle in the South.", ["Defection"]),
    ("The boat lost engine power in rough seas and drifted south for a week.", ["Disaster"]),
    ("Several North Korean eateries in China have shut their doors.", ["MarketDisruption"]),
    ("Since April, the North has put thousands of troops to work inside the DMZ.",
     ["Mobilization"]),
    ("About 400 workers were sent home through the border station at Khasan.",
     ["Repatriation"]),
    ("The men crossed the Tumen River by train from Khasan to Tumangang.", []),
    ("Imagery of the border crossing shows no sign of aid shipments.", []),
    ("The station's commander was relieved of duty last week.", ["Punishment"]),
    ("Pollack has grown hard to find at the market this week.", ["Shortage"]),
    ("At least nine people have died after drinking home-brewed liquor.", ["Disaster"]),
    ("Since then officers have gone from door to door, carting off stills.", ["Search"]),
    ("State security agents were standing on the quay and hauled all eleven away.",
     ["Arrest"]),
    ("Checkpoints were thrown up on the roads into the village.", ["Lockdown"]),
    ("Villagers now need a pass from the county station to leave.", ["Lockdown"]),
    ("About 30 wives gathered at the main gate and shouted for the rations to be paid.",
     ["Unrest"]),
    ("The county bowibu burst in and marched all five of them out in handcuffs.", ["Arrest"]),
    ("He was picked up two days later with 300 grams of the drug.", ["Arrest"]),
    ("Some 3,000 pupils have spent the weeks since May 20 on cooperative farms.",
     ["Mobilization"]),
    ("A tractor trailer carrying pupils back from the paddies tipped over.", ["Disaster"]),
    ("A squid boat spotted three men clinging to the overturned hull.", []),
    ("The soldiers have been living on around 500 grams of corn a day.", ["Shortage"]),
    ("The storm caught the two boats the following night.", ["Disaster"]),
    ("Tokyo sent the men back through China on the 5th.", ["Repatriation"]),
    ("Social security agents turned up and led three of them away.", ["Arrest"]),
    ("Chinese police picked up the three at a farmhouse in Kuandian County.", ["Arrest"]),
    ("Every morning students and housewives have been sent out to scrub drains.",
     ["Mobilization"]),
    ("Traders have pulled South Korean cosmetics off their tables.", ["MarketDisruption"]),
    ("Last month they also mounted cameras on poles along the bank.", ["Surveillance"]),
    ("Slaughtering one without permission can bring years in a prison camp.", []),
    ("The North has kept its border with China sealed since late January.", ["Lockdown"]),
    ("Kim said the people's food situation is now getting tense.", ["Shortage"]),
    ("Most of the city has been getting electricity for barely three hours a night.",
     ["Shortage"]),
    ("Earlier this week, inspectors went from flat to flat with police officers.", ["Search"]),
    ("Three families lost their Pyongyang residence permits last week.", ["Punishment"]),
    ("A cartload of firewood now costs 60,000 won, nearly double the autumn price.",
     ["Shortage"]),
    ("Buyers in Changbai pay roughly twice what it fetches at home.", []),
    ("Some 1,500 workers from Hamhung were packed off to Kowon to join the builders.",
     ["Mobilization"]),
    ("Talk among soldiers that he has already reached South Korea could not be confirmed.",
     []),
    ('"If they decide she was trying to flee, she\'ll be sent to a prison camp."', []),
    ("The committee sent students and office workers from Chongjin to clear the mud.",
     ["Mobilization"]),
    ("The North has sent more than 10,000 troops to help Russia fight Ukraine.", []),
    ("Three soldiers deserted across the Yalu River into China.", ["Defection"]),
    ("The bowibu has signed up two neighbours to report on her visitors.", ["Surveillance"]),
    ("Agents have begun listening in on the calls of traders' households.", ["Surveillance"]),
    ("The ministry told border districts to report every household with kin abroad.", []),
    ("She waded back across the Tumen near Hoeryong in late December.", ["ReturnDefection"]),
    ("The security department kept her for ten days of questioning.", ["Arrest"]),
    # an "N-day battle" is the campaign (a directive), not an incident of its own
    ("The county launched a \"70-day battle\" against anti-socialist acts in March.", []),
    ("Farmers were exhausted by the 70-day battle.", []),
    ("The accountant and two dealers were each given 15 years.", ["Punishment"]),
    ("He got two years older waiting for the permit.", []),
    ("Residents had been rounded up from factories and schools to watch.", ["Mobilization"]),
    ("Police rounded up eight traders at the market.", ["Arrest"]),
    ("Officers in plain clothes grabbed two women and drove off.", ["Arrest"]),
    ("The authorities are sending thousands of townspeople into the fields.", ["Mobilization"]),
    ("Rice has climbed from 5,000 to 5,600 won a kilogram in two weeks.", ["Shortage"]),
    ("About forty farmers came to blows over a pump.", ["Unrest"]),
    ("Eleven families, 43 people in all, were ordered out of the capital.", ["Punishment"]),
    ("The pair were put aboard a cargo ship bound for Rajin.", ["Repatriation"]),
    ("Officials searched train stations and markets across Primorsky Krai.", ["Search"]),
    ("They are heading south in the hope of eventually reaching South Korea.", []),
    ("There is no sign that Chinese police are looking for them.", []),
    ("The train was climbing the slope when the power cut out.", []),
    ("A passenger train came off the rails in Pochon County.", ["Disaster"]),
    ("Officers took the engine driver and the head of Pochon Station into custody.",
     ["Arrest"]),
    ("A bus crammed with market traders tumbled off a mountain pass.", ["Disaster"]),
    ("South Korea returned two North Korean fishermen to the North through Panmunjom.",
     ["Repatriation"]),
    ("The third crewman chose to defect.", ["Defection"]),
    ("Homes in Kaechon have had almost no electricity since January.", ["Shortage"]),
    ("The apartment taps have been dry for weeks.", ["Shortage"]),
    ("Dried squid now fetches 27,000 won, up from 18,000 won.", ["Shortage"]),
    ("The seafood stalls at the market have stood half empty.", ["MarketDisruption"]),
    ("Officers took away two tailors in Waudo District.", ["Arrest"]),
    ("Officers took away their phones.", []),
    ("Over 1,500 residents, along with soldiers, were marched up the slopes.",
     ["Mobilization"]),
    ("A student in Nampo has been expelled and packed off to a cooperative farm.",
     ["Punishment"]),
    # sent off to work, not banished: a mobilisation, no punishment
    ("The students have been packed off to plant potatoes.", ["Mobilization"]),
    ("On Oct. 24, South Korea sent two of the men back across the Northern Limit Line.",
     ["Repatriation"]),
    ("Two fishermen who were handed back by South Korea are in an isolation ward.",
     ["Quarantine", "Repatriation"]),
    ("In Rason fuel prices have shot up since.", ["Shortage"]),
    ("Last Wednesday, officers seized a driver at the Wonjong customs post.", ["Arrest"]),
    ("Officers have stood at the gate every morning, writing down the name of anyone who "
     "turns up late.", ["Surveillance"]),
    ("By March 31, more than 12,000 soldiers had been thrown into the fight.",
     ["Mobilization"]),
    ("At least a dozen people in Anju have come down with cholera since late June.",
     ["Disaster"]),
    ("Guards have also blocked every road out of Anju since June 30.", ["Lockdown"]),
    ("Rations at the battalion were cut to 400 grams of corn a day.", ["Shortage"]),
    ("He had been passing the drug to Chinese buyers across the Tumen River.", ["Smuggling"]),
    ("About thirty drivers gathered outside the station to demand their vehicles back.",
     ["Unrest"]),
    ("Agents have been pressing inminban heads to name households that own notetels.",
     ["Surveillance"]),
    ("Agents went through Kang's apartment in Hoesang District.", ["Search"]),
    ("The day after the group arrived, agents emptied every bag in the compound.", ["Search"]),
    ("Officers have been stopping people on the streets to check their phones.", ["Search"]),
    ("Last Friday, the college struck twenty-seven students off its register.",
     ["Punishment"]),
    ("On Saturday, the court gave one of the dealers eight years of reform through labor.",
     ["Punishment"]),
    ("A bank that panners had dug hollow collapsed on the Chongchon River.", ["Disaster"]),
    ("The dust is sent across the Yalu River to Chinese buyers.", ["Smuggling"]),
    ("About thirty farmers shouted down a county official.", ["Unrest"]),
    ("Dozens of workers banged on the doors and shouted.", ["Unrest"]),
    ("On the buses were eleven people whom Chinese police were handing back from Liaoning "
     "Province across the Yalu River.", ["Repatriation"]),
    ("One woman slipped out of the dormitory in Dandong three weeks ago.", ["Defection"]),
    ("About 80,000 troops have been working in paddies since mid-May.", ["Mobilization"]),
    ("A border guard shot a smuggler wading across the Tumen River near Musan.",
     ["Smuggling"]),
    ("The same afternoon they turned over three houses on his street.", ["Search"]),
    ("Political officers have been opening soldiers' letters home.", ["Surveillance"]),
    ("Teachers led about three hundred students into the hills to cut firewood.",
     ["Mobilization"]),
    ("Rice at the Jaeryong market has climbed to 6,500 won a kilogram.", ["Shortage"]),
    ("Since the 14th, officers have been standing at every road into the city.", ["Search"]),
    ("Officers went through every carriage of the Pyongyang train at Manpo Station.",
     ["Search"]),
    ("The factory manager lost his post last week.", ["Punishment"]),
    ("His wife was sent to a labor training unit for six months.", ["Punishment"]),
    ("Rice sold for around 7,500 won in Haeju on Monday, up from 5,400 won.", ["Shortage"]),
    ("Diesel has been scarce in the city since the spring.", ["Shortage"]),
    ("Almost nothing has come in since North Korea sealed its border with China.",
     ["Lockdown"]),
    ("About forty fishermen refused to take their boats out last Saturday.", ["Unrest"]),
    ("Two days after the strike, officers took away three captains.", ["Arrest"]),
    # guards at every entrance shut a building in; they are no search
    ("Guards have stood at every entrance to the apartment blocks.", []),
    ("A North Korean soldier walked across the military demarcation line early Tuesday.",
     ["Defection"]),
    ("The returnee crossed the military demarcation line and arrived in Kaesong.",
     ["ReturnDefection"]),
    ("Officers at the entrance ask visitors where they come from, writing down their names.",
     ["Surveillance"]),
    ("Officers now walk the shoreline in Sindo every night with flashlights.",
     ["Surveillance"]),
    ("Officers are now going from door to door in the riverside hamlets.", ["Search"]),
    ("Around 3,000 students were sent to the capital in late February to work on the "
     "housing project.", ["Mobilization"]),
    ("Vaccine is nowhere to be found in Chongjin.", ["Shortage"]),
    ("Some 2,000 students from Hamhung have been digging through the mud.",
     ["Mobilization"]),
    ("Agents turned the family's apartment in Sunam District upside down.", ["Search"]),
    ("Officers have been calling at the homes of his two uncles every few days.",
     ["Surveillance"]),
    ("On the 8th, managers roped off the stalls of about forty vendors.",
     ["MarketDisruption"]),
    ("A dozen women vendors surrounded the market office and shouted.", ["Unrest"]),
    ("About thirty farmers sat down in front of the threshing floor.", ["Unrest"]),
    ("Officers took the woman, a vendor in her sixties, to the local police substation.",
     ["Arrest"]),
    ("Officers have been going through the harbor boat by boat, checking papers.",
     ["Search"]),
    ("The price of pollack at the Sinpo market has almost doubled in a week.", ["Shortage"]),
    ("The plant dispatched 300 workers and housewives to break stones for the new dam.",
     ["Mobilization"]),
    ("Pupils were packed off to the hills for a whole week in early May to scour the slopes "
     "for herbs.", ["Mobilization"]),
    ("Offices in Kimchaek keep sending a third of their staff out to the countryside.",
     ["Mobilization"]),
    ("Guards caught two women handing a bag of copper wire to a "
     "Chinese buyer across the Tumen River.", ["Arrest", "Smuggling"]),
    ("Since Monday the market office has let vendors in only from 3 to 5 p.m.",
     ["MarketDisruption"]),
    ("The market's gates have stayed padlocked since the 3rd.", ["MarketDisruption"]),
    ("The committee told the residents of the block that they could not leave.",
     ["Lockdown"]),
    ("The district security station took in two brokers on Tuesday.", ["Arrest"]),
    ("Inspectors made students hand over their phones at the school gate.", ["Search"]),
    ("Police posted wanted notices in Tumen bearing photographs of the couple.", ["Search"]),
    ("Electricity reaches the villages for only two hours a day.", ["Shortage"]),
    ("The two teenagers were packed off to a labor-training unit for a year.", ["Punishment"]),
    ("The foreman was handed over to the prosecutors office on Monday.", ["Arrest"]),
    ("Power has been out in Kilju since the flood.", ["Disaster", "Shortage"]),
    ("Children in the ward are living on a ration of 200 grams of corn a day.", ["Shortage"]),
    ("The brick kiln has stood idle for weeks for want of coal.", ["Shortage"]),
    ("About 3,000 soldiers have been pouring foundations for new houses in Kyongwon.",
     ["Mobilization"]),
    ("Shop managers were summoned to watch the trial.", ["Mobilization"]),
    ("The next morning students from Hoeryong began arriving in the village to help clear "
     "the mud.", ["Mobilization"]),
    ("A hillside above the road collapsed in the night.", ["Disaster"]),
    ("That embankment has given way twice.", ["Disaster"]),
    ("Guards found two cases of liquor hidden under sacks of rice on the train.", ["Smuggling"]),
    ("The trawler took the diesel aboard from a Chinese boat off Nampo.", ["Smuggling"]),
    # goods searched for are not goods found; closing for lack of customers is no shortage
    ("Customs officers are hunting for copper hidden under other cargo.", ["Search"]),
    ("Several eateries have shut their doors for lack of customers.", ["MarketDisruption"]),
    # the cues of a relative clause closed before the trigger are its own
    ("About thirty traders who could not show a permit were taken to the station.",
     ["Arrest"]),
    ("Two drivers who had no papers were detained at the bridge.", ["Arrest"]),
    ("The four whose parents could not pay were sent to a labor training camp.",
     ["Punishment"]),
    ("The brother of a woman who fled to China last year has been banished to a farm.",
     ["Defection", "Punishment"]),
    ("Anyone who crosses the river without a pass is arrested.", []),
    ("A guard who would be punished later was seen at the post.", []),
    # conditions by inversion and expectations are no events
    ("Had he been caught a second time, he would have gone to a camp.", []),
    ("Residents expect the woman to be sent to a political prison camp.", []),
    # told in other words than the obvious keyword
    ("Officers have been stopping young people and scrolling through their phones.",
     ["Search"]),
    ("Two days later, officers turned the students' dormitory rooms inside out.", ["Search"]),
    ("Agents took the family's house apart and found a phone in a sack of corn.", ["Search"]),
    ("Patrols have been stopping young people on the streets of Kapsan and Hyesan to search "
     "their bags.", ["Search"]),
    ("Chaeha Market stayed shut until 3 p.m.", ["MarketDisruption"]),
    ("Workers in Sariwon have been loaded onto trucks at dawn and driven out to the farms.",
     ["Mobilization"]),
    ("The troops were marched straight onto the apartment sites.", ["Mobilization"]),
    ("The money changer was marched to the local police substation in her slippers.",
     ["Arrest"]),
    ("On Friday, state security agents came for the two shift leaders.", ["Arrest"]),
    ("Miners in Tanchon have gone without grain rations since March.", ["Shortage"]),
    ("About 60 men sat down at the pithead and stayed there.", ["Unrest"]),
    ("Inminban heads are keeping a note of any household that buys meat.", ["Surveillance"]),
    ("A private fell from the fifth floor of a block and died.", ["Disaster"]),
    ("A cargo truck carrying students skidded on the muddy road and tipped into a gully.",
     ["Disaster"]),
    ("Five students were made to criticize themselves in front of their classmates.",
     ["Punishment"]),
    ("Three of the four were packed off on Friday to a labor training camp.", ["Punishment"]),
    ("For five days they went through every stall with social security officers.", ["Search"]),
    ("About thirty traders lost their permits outright.", ["Punishment"]),
    ("Slogans insulting the leader were found scrawled on a railway underpass.", ["Unrest"]),
    ("Cement and roofing timber are running short.", ["Shortage"]),
    ("A timber truck full of loggers slid off an icy mountain road.", ["Disaster"]),
    ("The lorry rolled into a ravine.", ["Disaster"]),
    ("Prosecutors searched Pak's flat on May 18.", ["Search"]),
    ("Officers took four of his subordinates, among them the accountant, into custody.",
     ["Arrest"]),
    ("His widow and two sons were turned out of the apartment.", ["Punishment"]),
    ("Workers have still not received their June corn rations.", ["Shortage"]),
    ("The train jumped the rails on Sept. 27 while rounding a curve.", ["Disaster"]),
    ("Chlorine gas escaping from a chemical factory killed three workers.", ["Disaster"]),
    ("A fire lit by border guards to clear brush raged out of control.", ["Disaster"]),
    ("Officers walked into two noodle shops and led out nineteen people.", ["Arrest"]),
    ("A battery left charging overnight set a fourth-floor flat alight.", ["Disaster"]),
    ("Dealers outside Chaeha Market had their entire stock carted off.", ["MarketDisruption"]),
    ("Officers tipped the carts of five peddlers into the gutter.", ["MarketDisruption"]),
    ("Chinese border police handed the seven men over at the bridge from Dandong.",
     ["Repatriation"]),
    ("The boat lost its engine in a storm on Nov. 22.", ["Disaster"]),
    ("The crew drifted for four days before a trawler found them.", ["Disaster"]),
    ("Some 2,000 soldiers and students were sent up the mountain with shovels to beat out the "
     "flames.", ["Mobilization"]),
    ("Thirty-one women were sent back across the Tumen River early this month.",
     ["Repatriation"]),
    ("They were handed over by Chinese border police at the bridge.", ["Repatriation"]),
    ("Every flat on the list was searched by officers.", ["Search"]),
    ("Their clothing and bags were gone through a second time.", ["Search"]),
    ("Eleven residents were made to pay fines.", ["Punishment"]),
    ("More than 40 families have been forced out of Pyongyang this month.", ["Punishment"]),
    ("In May 2019 the disease hit a cooperative farm in Chagang Province.", ["Disaster"]),
    ("The night before last they came back and took his eldest son away.", ["Arrest"]),
    # a sentence of forced labour is a punishment; what a law allows, and watching as an
    # offence, are no events
    ("Five young people were sentenced to terms of forced labor.", ["Punishment"]),
    ("The law allows sentences of up to life imprisonment.", []),
    ("Three got five years each for watching them.", ["Punishment"]),
    # combing places for someone
    ("Soldiers spent five days combing villages around Hamhung for a young private.",
     ["Search"]),
    ("Police were scouring the nearby hills for the two escapees.", ["Search"]),
    ("On the night of the 4th, agents seized the ringleader on the riverbank.", ["Arrest"]),
    ("Officers swept through the alley and took away 14 of them.", ["Arrest"]),
    ("By Tuesday, 37 traders had had their permits revoked.", ["Punishment"]),
    ("On the 6th, a shoe seller hurled a pair of boots at an inspector.", ["Unrest"]),
    ("About thirty vendors crowded around the team, shouting.", ["Unrest"]),
    ("People's security officers dragged the woman out of the market.", ["Arrest"]),
    ("The young man was picked up again in late June.", ["Arrest"]),
    ("A patrol at the gate of Hyesan Market cut the hair of nine young men on the spot.",
     ["Punishment"]),
    ("Two girls in faded jeans had their trouser legs ripped open.", ["Punishment"]),
    ("Travellers' bags were opened at the station.", ["Search"]),
    ("One young worker was handed over to social security officers.", ["Arrest"]),
    ("Since the 10th, Dandong Customs has been unloading every truck that comes over.",
     ["Search"]),
    ("State security agents then searched Chongsu's warehouse in Sinuiju on Saturday.",
     ["Search"]),
    ("Inspectors went through four garment workshops in Donggang.", ["Search"]),
    ("Railway workers who unloaded the first wagons were praised.", []),
    ("Last Saturday the women were put on two buses and driven across the Sino-Korean "
     "Friendship Bridge to Sinuiju.", ["Repatriation"]),
    ("The provincial party committee has sent about 1,500 college students from Sinuiju to "
     "Yomju.", ["Mobilization"]),
    ("Pyongyang has sent thousands of workers to Russia this year.", []),
    ("A frost in late August killed much of the county's potato crop.", ["Disaster"]),
    ("Households in Tokhung-ri have gone without the usual spring grain advance.",
     ["Shortage"]),
    ("Farm families have had nothing left from last autumn's distribution since early March.",
     ["Shortage"]),
    ("Five inmates of a labour camp in Hamhung drowned last month.", ["Disaster"]),
    ("The bank under their feet gave way after two days of rain.", ["Disaster"]),
    ("She had been drowning in debt since her husband died.", []),
    # a camp where people are is no one sent there
    ("Inmates of a reform-through-labor camp normally make bricks.", []),
    ("Smugglers are bringing Chinese antibiotics across the Tumen River at night.",
     ["Smuggling"]),
    ("Around 200 people were brought across the Yalu River bridge from Dandong.",
     ["Repatriation"]),
    ("The hospital has been out of fever medicine since January.", ["Shortage"]),
    ("A packet of ten capsules has since doubled in price at the market.", ["Shortage"]),
    ("Measles has been spreading among young children in Kanggye.", ["Disaster"]),
    ("Nine people crossed the eastern sea border in a small wooden boat early Tuesday.",
     ["Defection"]),
    ("A squid boat that went missing with a crew of four has turned up wrecked.",
     ["Disaster"]),
    ("A North Korean wooden boat had run aground on a beach in Samcheok.", ["Disaster"]),
    ("Two men were washed overboard that night.", ["Disaster"]),
    ("South Korea sent three North Korean fishermen back across the eastern sea border.",
     ["Repatriation"]),
    # watching people as a habit: calls on families, rounds every evening, sitting in, a
    # watch kept, workers kept in their compound; a one-off sweep stays a search
    ("Agents have been calling on the families of deployed soldiers every week.",
     ["Surveillance"]),
    ("The ministry called on families to donate rice to the army.", []),
    ("An officer has been sitting in on faculty meetings since the spring.",
     ["Surveillance"]),
    ("Plainclothes agents have stood watch at the underpass ever since.", ["Surveillance"]),
    ("Inminban heads have gone from door to door every evening to check who is at home.",
     ["Surveillance"]),
    ("Officers went door to door in Namyang hunting for the rest of the shipment.",
     ["Search"]),
    ("Inminban heads now report each night on who is sleeping in every apartment.",
     ["Surveillance"]),
    ("The remaining workers are no longer allowed outside the compound.", ["Surveillance"]),
    ("Officers stop anyone under 30 and scroll through their text messages.", ["Search"]),
    # mobilisation told with a manner or a move; quotas handed in
    ("More than 500 demobilized soldiers were marched as a group into the mine.",
     ["Mobilization"]),
    ("About 1,200 soldiers were moved to Unpa in February to build the complex.",
     ["Mobilization"]),
    ("Every pupil has been made to collect three rabbit skins and two kilos of scrap iron.",
     ["Mobilization"]),
    # shortage told as a lack, a part ration or grams a day
    ("Front-line units have been short of food since January.", ["Shortage"]),
    ("Miners have received only half of their grain ration since September.", ["Shortage"]),
    ("Families are getting by on 200 grams of corn a day.", ["Shortage"]),
    ("The battalion has been living on roughly 350 grams of corn a day.", ["Shortage"]),
    ("They received half of the money in advance.", []),
    # a sweep through every vehicle, house or passenger; books gone through
    ("On the 1st, officers checked every passenger on a northbound train for runaways.",
     ["Search"]),
    ("On the 14th the police went round every garage in Sapho district.", ["Search"]),
    ("Agents have been stopping every bus and truck on the Kapsan road.", ["Search"]),
    ("Prosecutors went through the school's ledgers early this month.", ["Search"]),
    # a relative clause closed before "were each": its verbs are its own
    ("Four mothers who had paid him were each fined 300,000 won last week.",
     ["Punishment"]),
    # crews sent in to help or dig; crowds assembled to hear a verdict; people sent by units
    ("By dawn, some 150 miners from neighboring pits had been sent down to dig through the "
     "rubble.", ["Mobilization"]),
    ("More than 100 soldiers were sent in on Sunday to help the families dig.",
     ["Mobilization"]),
    ("About 2,000 workers were assembled in the cultural hall to hear the verdict.",
     ["Mobilization"]),
    ("Factories and inminban had to send their people to the stadium.", ["Mobilization"]),
    # power shared out by the hour, an allocation cut, less than half a ration
    ("Homes in Haeju got power for an hour a day at best.", ["Shortage"]),
    ("The mine's electricity allocation was cut in half this month.", ["Shortage"]),
    ("Miners have been getting less than half their usual grain ration.", ["Shortage"]),
    # a structure that gave way, told with the harm after it
    ("Part of an apartment block finished only last year in Hamhung, South Hamgyong "
     "Province, caved in early on the 3rd, killing four residents.", ["Disaster"]),
    ("A brick wall the brigade was knocking down toppled onto two of its members, killing "
     "one.", ["Disaster"]),
    # dismissal told as "was fired"; shots fired are not
    ("The camp's deputy chief was fired earlier this month.", ["Punishment"]),
    ("Warning shots were fired into the air.", []),
    ("Before the shots were fired, an official read out the verdict.", []),
    ("Border guards have put extra sentries on the river at night.", ["Surveillance"]),
    ("About 300 workers have been sent out to the village to pull the houses down.",
     ["Mobilization"]),
    # a border river crossed with sacks or kilos of goods: smuggling, not a return
    ("On Monday night, two women waded back across the Yalu River near Hyesan with sacks of "
     "Chinese sugar on their backs.", ["Smuggling"]),
    ("Two couriers were caught wading across the Tumen River in Onsong County with more than "
     "a kilogram of crystal meth.", ["Arrest", "Smuggling"]),
    ("Officers have been checking the papers and bags of every passenger.", ["Search"]),
    ("Chaeha Market has been closing at 2 p.m. instead of 6 p.m. since the 12th.",
     ["MarketDisruption"]),
    # the currency's rate told as a price; logs floated across; crowds thrown at a fire
    ("In the second half of November, the price of a US dollar jumped from 8,300 won to "
     "9,900 won.", ["MarketDisruption"]),
    ("A dollar fetched about 8,300 won at the start of the month.", ["MarketDisruption"]),
    ("Two traders floated some 200 logs across the Yalu River to Chinese buyers.",
     ["Smuggling"]),
    ("The county threw more than 3,000 office workers and students at the blaze.",
     ["Mobilization"]),
    ("Last Thursday night, a fight broke out between guards and four soldiers.", ["Unrest"]),
    ("They were let go only after paying a fine of 1,500 yuan each.", ["Punishment"]),
    ("On the 2nd, the city bowibu packed the family off to a cooperative farm in Yonsa "
     "County.", ["Punishment"]),
    # a price that slid or is "down from"; a form that gave way; men driven away
    ("The price of snow crab at Rajin Market has slid from 30 yuan a kilogram to 12 yuan.",
     ["MarketDisruption"]),
    ("Diesel now sells for around 9,500 won, down from 14,000 won in March.",
     ["MarketDisruption"]),
    ("On June 8, a concrete form gave way on one of the piers and crushed three soldiers to "
     "death.", ["Disaster"]),
    ("Three workers were driven away to Chongjin two days later.", ["Arrest"]),
    # a number of people sent back through a crossing; a river bank sealed; a curfew
    ("Chinese officials sent about 50 North Koreans held in Jilin Province back across the "
     "Tumen River in late April.", ["Repatriation"]),
    ("Border guards sealed the bank of the Yalu River on the morning of the 19th.",
     ["Lockdown"]),
    ("People living along the railway were forbidden to go out after eight at night.",
     ["Lockdown"]),
    ("Last Friday the university expelled four of the students.", ["Punishment"]),
    ("Jon was beaten with a belt on Saturday.", ["Punishment"]),
    ("The inminban head has been checking on Pak's household twice a night.",
     ["Surveillance"]),
    ("Soldiers were posted every fifty meters along the embankment.", ["Surveillance"]),
    ("About two hundred women traders gathered outside the committee building, shouting "
     "that the state had robbed them.", ["Unrest"]),
    ("By noon the stalls at Sunam Market had emptied.", ["MarketDisruption"]),
    # soldiers tearing houses down, crews sent to pour foundations; rations told by grams or
    # as none received; a crowd marching to a gate demanding; residents kept indoors
    ("Roughly 300 soldiers have been tearing down the empty houses.", ["Mobilization"]),
    ("Some 400 workers from Kanggye have since been sent to Hwapyong to pour foundations.",
     ["Mobilization"]),
    ("The resettled families have received no grain since they arrived.", ["Shortage"]),
    ("The troops have been getting about 500 grams of corn a day.", ["Shortage"]),
    ("About 30 farmers marched to the gate of the barracks, demanding the animals back.",
     ["Unrest"]),
    ("Officers kept residents of the neighboring blocks indoors for three days.",
     ["Lockdown"]),
    # shaming and small punishments: made to stand on a platform, a self-criticism read out,
    # students suspended, a manager recalled in disgrace, days of unpaid labour, a demotion
    ("The next morning they were made to stand on a platform at the factory gate.",
     ["Punishment"]),
    ("A woman had to read out a self-criticism in front of the whole inminban.",
     ["Punishment"]),
    ("Last week, the committee suspended seven students.", ["Punishment"]),
    ("The factory's manager was recalled to Pyongyang in disgrace last week.", ["Punishment"]),
    ("The station ordered her to do a week of unpaid labor at the site.", ["Punishment"]),
    ("The battalion commander was knocked down to captain.", ["Punishment"]),
    ("Trading was suspended for a week.", []),
    ("Inminban heads now knock on every door after dark to count who is at home.",
     ["Surveillance"]),
    ("Officers come round every evening to make sure nobody has slipped out.", ["Surveillance"]),
    ("The command shut them inside the dormitory of the college.", ["Quarantine"]),
    ("The unloaders were moved into a sealed dormitory beside the yard.", ["Quarantine"]),
    ("Their lane in Songbong-dong was sealed with planks the same day.", ["Lockdown"]),
    ("Hamhung had been cut off from the rest of the province since May 12.", ["Lockdown"]),
    ("It came a year after the country slammed its frontier shut.", ["Lockdown"]),
    ("By the third week of November the dormitory's coal had run out.", ["Shortage"]),
    ("At Chaeha Market, sugar is already a third cheaper than it was last week.",
     ["MarketDisruption"]),
    ("The committee gathered the team and made each deliver a self-criticism.", ["Punishment"]),
    ("Officers took three of the women away for questioning.", ["Arrest"]),
    ("About 1,000 farmers were ordered to come and watch.", ["Mobilization"]),
    ("The next day, bowibu agents picked up the wholesaler at her apartment.", ["Arrest"]),
    ("A woman was seized by state security agents minutes after the call.", ["Arrest"]),
    ("Red Guards now take turns sitting in straw huts at the edge of the paddies.",
     ["Surveillance"]),
    ("Officers stopped an ox-cart heading toward Sinuiju and found eight sacks of corn.",
     ["Search"]),
    ("Inspectors have been going through farm storehouses across Hamju.", ["Search"]),
    ("At the checkpoints they rifle through the bags of farmers.", ["Search"]),
    ("Many households have received only a few days' worth of rations this month.",
     ["Shortage"]),
    ("Agents have been carrying portable detectors through the apartment blocks.",
     ["Surveillance"]),
    ("Second-hand phones now fetch barely half their old price in the market.",
     ["MarketDisruption"]),
    ("Officers picked up the friend who had shot the footage.", ["Arrest"]),
    ("Youth League members turn up at weddings to watch for anything that smells foreign.",
     ["Surveillance"]),
    ("Officers kicked in the door last Saturday and took the whole lot of them in.", ["Arrest"]),
    ("A fire lit by a family cooking at their ancestors' graves spread across a hillside.",
     ["Disaster"]),
    ("Officials rounded up roughly 400 residents to beat the flames out with branches.",
     ["Mobilization"]),
    ("Officers rounded up eleven students who had slipped home to Pyongsong.", ["Arrest"]),
    ("His son was held for three days of questioning over the suits.", ["Arrest"]),
    ("The manager has been suspended from his post pending the investigation.", ["Punishment"]),
    ("It capsized in heavy swells, and only four of the crew were hauled out alive.",
     ["Disaster"]),
    ("On Saturday, officers evicted the twelve families who had bought their flats.",
     ["Punishment"]),
    ("The evicted families are living in huts on a slope outside the town.", []),
    ("Officers put his wife and son on a truck bound for a logging camp.", ["Punishment"]),
    ("The prosecutors spent most of May going over the plant's production figures.", ["Search"]),
    ("The boats met a Chinese tanker in the West Sea on the night of the 5th.", ["Smuggling"]),
    ("A freighter transferred about 9,000 tons of coal to a barge off Ningbo.", ["Smuggling"]),
    ("Inminban heads walk the corridors at night, listening for the whine of a hair dryer.",
     ["Surveillance"]),
    ("Two minders sleep in the dormitory corridor and count the women every night.",
     ["Surveillance"]),
    ("Owners who came to reclaim their bicycles were told to pay 50,000 won each.",
     ["Punishment"]),
    ("Traffic officers have been stopping every cyclist to look for a plate.", ["Search"]),
    ("The minder combed hostels and street markets on the city's outskirts.", ["Search"]),
    ("Second-hand bicycles were going for half of last month's price.", ["MarketDisruption"]),
    ("Half the clothing stalls stayed shut over the weekend.", ["MarketDisruption"]),
    ("Officers began confiscating the sellers' carts.", ["MarketDisruption"]),
    ("The company has since frozen the brigade's wages for June and July.", ["Punishment"]),
    ("Three women have disappeared from a false-eyelash factory in Tumen.", ["Defection"]),
    ("Methanol that a storeman had sneaked out of a chemical factory.", []),
    ("Police picked up one of the runaways at the bus terminal.", ["Arrest"]),
    ("A minder kicked him until he passed out.", ["Punishment"]),
    ("Sixty construction workers have been sent home from Kuwait.", ["Repatriation"]),
    ("He was sent home from school with a fever.", []),
    ("Five men were flown to Vladivostok under guard.", ["Repatriation"]),
    ("A stove left burning overnight gutted a house in Sunchon.", ["Disaster"]),
    ("Heavy snow buried large parts of the province last weekend.", ["Disaster"]),
    ("Coal for schools has not been delivered at all this year.", ["Shortage"]),
    ("The authorities have barred residents of Hyesan from leaving the city.", ["Lockdown"]),
    ("The committee barred boats under 20 tons from leaving port until spring.", []),
    ("Soldiers have walked the embankment between Hyesan and Pochon County in pairs every "
     "hour.", ["Surveillance"]),
    ("Red Guards have been patrolling the streets of Hoesang District in pairs after 9 p.m.",
     ["Surveillance"]),
    ("Border guards along the Tumen River in Hoeryong have been put on double shifts.",
     ["Surveillance"]),
    ("Inminban heads go through their blocks every night to make sure nobody is putting up "
     "visitors.", ["Surveillance"]),
    ("The station now sends an officer to every inminban meeting.", ["Surveillance"]),
    ("Hyehwa Market has been trading only from noon to 4 p.m. since the start of the year.",
     ["MarketDisruption"]),
    ("Sunam Market has been shutting its gates at three in the afternoon.",
     ["MarketDisruption"]),
    ("Manpo Market did not open at all on election day.", ["MarketDisruption"]),
    ("Hoeryong Market was ordered closed from the 9th through the 11th.", ["MarketDisruption"]),
    ("Two women tried to pass a sack of phones across the frozen river.", ["Smuggling"]),
    ("He waded into the Tumen with a bundle of dried squid for Chinese buyers.", ["Smuggling"]),
    ("Officers pulled Choe Yong Nam, a man in his forties, off a bus.", ["Arrest"]),
    ("Officers have been checking the papers and bags of everyone stepping off a train.",
     ["Search"]),
    ("Two soldiers were sent to a disciplinary unit last week.", ["Punishment"]),
    ("Jo Yong Nam lost his Pyongyang residence together with his wife and son.",
     ["Punishment"]),
    ("Officers gave the families an hour to pack and drove them off to Hochon County.",
     ["Punishment"]),
    ("About thirty women surrounded a team outside a block.", ["Unrest"]),
    ("Railway officers had been combing every station and bus stop in the province.",
     ["Search"]),
    ("On the 5th, bowibu agents turned over the dormitories and questioned every man.",
     ["Search"]),
    ("Customs impounded three freight wagons that crossed the Amnok River with undeclared "
     "Chinese goods.", ["Smuggling"]),
    ("They caught two traders bringing South Korean films into the country.",
     ["Arrest", "Smuggling"]),
    ("Officers uncovered 20 tons of ore hidden beneath scrap iron in freight wagons.",
     ["Smuggling"]),
    ("Agents took away Sinbong's director and two of his bookkeepers.", ["Arrest"]),
    ("Since then, customs staff have been emptying every wagon that comes over.", ["Search"]),
    ("On Friday, their homes in the workers' district were turned inside out.", ["Search"]),
    ("Agents turned out the barracks of a regiment on the 5th.", ["Search"]),
    ("The trade licence of the firm was withdrawn at the start of this month.", ["Punishment"]),
    ("The committee has withdrawn the import licences of 23 smaller firms.", ["Punishment"]),
    ("The department head was packed off to work as a laborer on a cooperative farm.",
     ["Punishment"]),
    ("Plaster began falling off the lower floors as soon as the rains came.", []),
    ("A boy of about twelve was found frozen to death beside the tracks.", ["Disaster"]),
    ("On the 8th, a man died after slipping into the pit of a public toilet.", ["Disaster"]),
    ("Eleven children had died of cold and hunger at a relief centre.", ["Disaster"]),
    ("They were taken to a relief centre that has had no coal since November.", ["Shortage"]),
    ("The dormitory hasn't been heated since New Year's Day.", ["Shortage"]),
    ("Since mid-January, firewood has all but disappeared from the city's market.",
     ["Shortage"]),
    ("Officers picked up 31 kotjebi at the station.", ["Arrest"]),
    ("Six managers were taken in by the provincial bowibu early last week.", ["Arrest"]),
    ("The skippers sold squid to Chinese boats at sea without going through customs.",
     ["Smuggling"]),
    ("Workers who had not delivered half their share had ten days' wages docked.",
     ["Punishment"]),
    ("The women protested after being told that their wages had been withheld.", ["Unrest"]),
    ("Crews are borrowing diesel because the state has yet to deliver any fuel this season.",
     ["Shortage"]),
    ("Housewives have been marched down to the beaches each morning to gut the catch.",
     ["Mobilization"]),
    ("Five men were swapping squid for diesel with a Chinese trawler.", ["Smuggling"]),
    ("The boat lost radio contact as gale-force winds swept the coast.", ["Disaster"]),
    ("Their engine died two days out, and the crew drifted southeast.", ["Disaster"]),
    ("Tokyo handed the men over to North Korean diplomats in Dalian.", ["Repatriation"]),
    ("The captain was stripped of his fishing license a week later.", ["Punishment"]),
    ("Youth league patrols have been stopping young people on the streets of Hyesan.",
     ["Search"]),
    ("Teams stood at the gates in May, demanding to see students' mobile phones.", ["Search"]),
    ("Agents have been posted to the dormitories, listening for South Korean words.",
     ["Surveillance"]),
    ("Four students were made to face an ideological struggle session last month.",
     ["Punishment"]),
    ("Agents found eleven Chinese mobile phones hidden in a tour bus from Dandong.",
     ["Smuggling"]),
    ("Officers of the railway security unit then searched about 30 households in Susong-dong.",
     ["Search"]),
    ("Residents near the crash site were barred from approaching the area for three days.",
     ["Lockdown"]),
    ("From Feb. 1, checkpoints on the roads into the capital turned back every traveller.",
     ["Lockdown"]),
    ("Pupils have practised at the May Day Stadium every afternoon since March.",
     ["Mobilization"]),
    ("Every factory and school in Hyesan has sent its people to rehearse the mass dance.",
     ["Mobilization"]),
    ("Everyone except the elderly has been sent to the farms every day.", ["Mobilization"]),
    ("Some 3,000 people were out digging trenches along the Pukchon last Sunday.",
     ["Mobilization"]),
    ("MSS agents have been assigned to watch farm management boards.", ["Surveillance"]),
    ("Bowibu agents are now posted at the hostel day and night.", ["Surveillance"]),
    ("Electricity in Hoeryong has been coming on for only about two hours a night.",
     ["Shortage"]),
    ("In most of Shinuiju the power comes on around 9 p.m. and goes off before midnight.",
     ["Shortage"]),
    ("In the city rice can hardly be found at any price.", ["Shortage"]),
    ("Many households in Wonsan can no longer afford enough corn.", ["Shortage"]),
    ("The boys have been living on a bowl of boiled corn a day since spring.", ["Shortage"]),
    ("The price of rice in Sinuiju has climbed to around 500 won per kilogram.", ["Shortage"]),
    ("Dozens of residents came down with typhoid early this month.", ["Disaster"]),
    ("Paratyphoid fever has been spreading through Hamhung since early July.", ["Disaster"]),
    ("On the 12th a steam pipe burst at one of the boilers, scalding four workers.",
     ["Disaster"]),
    ("The notes were carried over from Changbai early last month.", ["Smuggling"]),
    ("Traders are bringing chloramphenicol across from Changbai at night.", ["Smuggling"]),
    ("They had been ferrying copper, antiques and frozen fish across the river to Dandong.",
     ["Smuggling"]),
    ("Many wholesalers at Sunam Market stopped selling altogether.", ["MarketDisruption"]),
    ("About 40 people stood outside the bank's branch for most of the day demanding their "
     "money.", ["Unrest"]),
    ("Some 40 farmers armed with shovels drove off a patrol that had come for their grain.",
     ["Unrest"]),
    ("Agents took his parents and younger sister from their home for questioning.", ["Arrest"]),
    ("The families have been under round-the-clock watch since last Tuesday.",
     ["Surveillance"]),
    ("A minder from the MSS checks on them every day.", ["Surveillance"]),
    # goods imported by licence, one person's fever: no event of their own
    ("Most of what the women sell is brought in from China by licensed trading companies.", []),
    ("The block was sealed after a woman came down with a high fever.", ["Lockdown"]),
    # believed, failed, denied, unconfirmed or still to come: no event
    ("Officials believe most of the clothes are smuggled over the Yalu from Changbai.", []),
    ("He was arrested last week for failing to keep watch over his staff.", ["Arrest"]),
    ("A travel agency in Yanji denied that any of its clients had been detained.", []),
    ("Rumours that the father, a cadre in the party committee, has been dismissed could not "
     "be confirmed.", []),
    ("The load was to be sent across the Yalu River to Dandong.", []),
    ("The tours carried Chinese visitors across the Yalu River from Dandong.", []),
    # what a campaign or a warning is against is no event
    ('The committee declared a "winter battle" against smuggling and illegal phone use.', []),
    # people struck by a vehicle
    ("A 13-year-old pupil was struck and killed by a freight train while picking up scrap.",
     ["Disaster"]),
    ("Two women were run over by a military truck on the road.", ["Disaster"]),
])
def test_incident_triggers(converter, text, expected):
    assert types(extract(converter, text).incidents) == expected


@pytest.mark.parametrize("text,expected,issuer", [
    ("The city people's committee announced that the markets may only open from 2 PM.",
     ["Order"], None),
    ("The Ministry of People's Security has put up notices warning traders.", ["Order"],
     "Ministry of People's Security"),
    ("The county people's committee imposed the lockdown on the village.", ["Order"], None),
    ("The law, adopted by the Supreme People’s Assembly in December, took effect at once.",
     ["Decree"], "Supreme People's Assembly"),
    ("The county party committee told every factory and farm to hold meetings.", ["Order"],
     None),
    ('The mine is behind on a "100-day coal production battle" that the Cabinet launched.',
     ["Campaign"], "Cabinet of the DPRK"),
    ("The boats went out as part of a winter fishing battle.", ["Campaign"], None),
    ("The county people's committee in Anak ruled that the market may open only at dusk.",
     ["Order"], "Anak County People's Committee"),
    ("On Sept. 15, the Pyongyang City People's Committee suspended all travel permits.",
     ["Order"], "Pyongyang City People's Committee"),
    ("The checks follow the Pyongyang City Management Law, which the Supreme People's Assembly "
     "revised in 2023.", ["Decree"], "Supreme People's Assembly"),
    ('In Manpo the escape came in the middle of the "100-day battle" against anti-socialist '
     "behaviour that the provincial party committee declared in April.", ["Campaign"],
     "Chagang Provincial Party Committee"),
    ("Students joined the \u201crice-planting battle\u201d the provincial party committee declared "
     "in Anju.", ["Campaign"], "South Pyongan Provincial Party Committee"),
    ("The committee told all border counties in the province to hold meetings.", ["Order"],
     None),
    ("They also form part of a 100-day \u201cstruggle against non-socialist practices\u201d.",
     ["Campaign"], None),
    ("The provincial party committee answered the defection by barring wooden boats from "
     "working offshore.", ["Order"], None),
    ('In mid-August, the party committee launched a "loyalty grain" drive.', ["Campaign"],
     None),
    ("The Marshal ordered that a new bridge be finished by Oct. 10.", ["Order"],
     "Kim Jong Un"),
    ("Under the Education Commission's Directive No. 5, officers may not meet parents.",
     ["Decree"], "Education Commission"),
    ('Early this week, the provincial party committee launched a "winter fuel battle".',
     ["Campaign"], None),
    ("The Cabinet has since launched a month-long fire safety drive.", ["Campaign"],
     "Cabinet of the DPRK"),
    ("Kim Jong Un ordered the Cabinet to inspect every shop, and the Cabinet has since "
     "launched a month-long fire safety drive.", ["Campaign", "Order"], "Cabinet of the DPRK"),
    ("On Saturday the county bowibu told inminban heads in every village to warn residents.",
     ["Order"], "Ministry of State Security"),
    ("On the 10th, the provincial bureau stopped issuing travel permits.", ["Order"], None),
    ("UN Security Council Resolution 2375 was passed on Sept. 11.", ["Decree"],
     "United Nations Security Council"),
    ("The Central Bank's provincial branch instructed trading companies to buy currency only "
     "at its counter.", ["Order"], "Central Bank of the DPRK"),
    ("The market office told every vendor that anyone who had not paid would lose their "
     "stall.", ["Order"], None),
    ("Early this month the Hyesan City People's Committee sent word to every enterprise that "
     "copper may be sold only to the state.", ["Order"], "Hyesan City People's Committee"),
    ('The county party committee declared a "flood-recovery battle" on the 3rd.', ["Campaign"],
     None),
    ("On the 9th the Supreme Commander issued Order No. 12 to the units along the river.",
     ["Decree"], "Kim Jong Un"),
    ('The city party committee kicked off a month-long "struggle against waste" on the 2nd.',
     ["Campaign"], None),
    ('On the 5th the provincial party committee proclaimed a "harvest defence battle".',
     ["Campaign"], None),
    ("The provincial party committee sent word down early last month that every factory had "
     "to fill its quota.", ["Order"], None),
    ("The provincial bureau had told its city and county branches late last month to check "
     "every household.", ["Order"], None),
    ('The provincial party committee threw the province into a "spring sowing battle".',
     ["Campaign"], None),
    ("Over the weekend, the fisheries station told its crews that no boat may leave with "
     "fewer than three men.", ["Order"], None),
    ('This time the provincial party committee has proclaimed April a month of "forest '
     'restoration struggle."', ["Campaign"], None),
    ('Kim Jong Un declared a "war" to restore the bare mountains in 2015.', ["Campaign"],
     "Kim Jong Un"),
    ("A notice went up at the station on Monday warning that loiterers will be questioned.",
     ["Order"], None),
    # a verdict handed down and people ordered back are no directives
    ("The verdicts were handed down at a public trial.", [], None),
    ("Five students were ordered back to the fields.", [], None),
    # reported speech, not an instruction
    ("Two of the survivors told investigators they wanted to go home to their families.", [],
     None),
    # a campaign named in quotes, launched by the relative clause after it
    ('The trial opened a "struggle to defend state assets" that the South Pyongan provincial '
     "party committee proclaimed at the start of the month.", ["Campaign"],
     "South Pyongan Provincial Party Committee"),
    ('A vice chairman was sacked last week for "slowing the battle" on the dikes.', [], None),
    ("Kim Jong Un told a party meeting in January that every factory had to be producing by "
     "October.", ["Order"], "Kim Jong Un"),
    ("The provincial emergency anti-epidemic headquarters in Onsong reacted by stretching the "
     "quarantine to 40 days.", ["Order"], None),
    ("On the 12th, the provincial hygiene and anti-epidemic station in Hyesan ordered "
     "checkpoints set up.", ["Order"], "Ryanggang Provincial Hygiene and Anti-epidemic Station"),
    ("Officers have been searching buses and ordering off passengers who lack the paper.", [],
     None),
    ('The shortage comes in the middle of a "100-day squid battle" that the provincial party '
     "committee in Sinpo kicked off on Sept. 1, demanding twice last year's catch.",
     ["Campaign"], "South Hamgyong Provincial Party Committee"),
    ("The punishments were handed down under the Youth Education Guarantee Law, which the "
     "Supreme People's Assembly passed in September last year.", ["Decree"],
     "Supreme People's Assembly"),
    ("On June 7 the provincial education department in Anju ordered every school to hold law "
     "study sessions.", ["Order"], "South Pyongan Provincial Education Department"),
    ("In Hyesan the Ryanggang Provincial People's Committee told every school in the province "
     "that each pupil must bring in firewood.", ["Order"],
     "Ryanggang Provincial People's Committee"),
    ("The provincial party committee in Chongjin has since told every county to check the "
     "conscription lists.", ["Order"], "North Hamgyong Provincial Party Committee"),
    ("On December 3, the Chongjin port authority ruled that no small boat may leave harbor.",
     ["Order"], "Chongjin port authority"),
    ('In Sariwon the provincial social security bureau had declared a "special security '
     'period" running from July 20 to 29.', ["Order"], "Ministry of Social Security"),
    ('In Sariwon the provincial party committee launched a ten-day "roadside beautification '
     'battle."', ["Campaign"], "North Hwanghae Provincial Party Committee"),
    ("Two days after she vanished, the security bureau suspended all tours from Changbai.",
     ["Order"], None),
    ("The North stopped accepting foreign tourists over the outbreak in Wuhan.", ["Order"], None),
    ("Under rules set by the Central Emergency Anti-epidemic Headquarters, crews stay aboard.",
     ["Order"], "Central Emergency Anti-epidemic Command"),
    ("The provincial party committee has set each county in South Pyongan a quota of gold.",
     ["Order"], "South Pyongan Provincial Party Committee"),
    ("Residents of Kalma-dong were told early last month that they may not go near the beach.",
     ["Order"], None),
    ('The committee has declared April a "month of intensive struggle" against smuggling.',
     ["Campaign"], None),
    ("Residents have been barred from entering the capital under a notice from the Ministry "
     "of Social Security.", ["Order"], "Ministry of Social Security"),
    ("The plenum adopted a decision on strengthening the socialist rural economy.", ["Decree"],
     None),
    ("Families plant larch under Kim Jong Un’s forest restoration campaign.", ["Campaign"],
     "Kim Jong Un"),
    ('The province has been waging an "autumn harvest battle" since late September under a '
     "provincial party committee directive.", ["Campaign"], None),
    ("The Central Committee called on the whole country to finish the harvest by October.",
     ["Order"], "Central Committee of the Workers' Party of Korea"),
    ("The audit was demanded in late October by the inspection department of the Party "
     "Central Committee.", ["Order"], "Central Committee of the Workers' Party of Korea"),
    # a crowd's demand, a visit, someone urging, a leader's standing exhortation, bans in
    # general: no directive
    ("Passengers shouted down the conductors, demanding water.", [], None),
    ("People's security officers have called on Jon's elderly mother every evening since.", [],
     None),
    ("Human rights groups in Seoul have repeatedly urged Beijing to stop forced returns.", [],
     None),
    ("About 40 people stood outside the branch demanding their money.", [], None),
    ("Kim Jong Un has repeatedly called for the hillsides to be replanted.", [], None),
    ("He said such bans usually fade once officials take bribes.", [], None),
    ("The Pyongyang City People's Committee has warned that any household caught running a "
     "heater will lose its power.", ["Order"], "Pyongyang City People's Committee"),
    ("The police have warned that anyone who starts a fire will be tried.", ["Order"],
     "Ministry of Social Security"),
    # a threat is no order
    ("Officials have warned that anyone who skips farm duty will be sent to a camp.", [], None),
    ("Managers have been warned that they could be sent to a labor camp.", [], None),
    # an inspection's demand and a punishment session are no directives
    ("Teams stopped students at the gates, demanding to see their mobile phones.", [], None),
    ("Four students were made to face an ideological struggle session.", [], None),
    ("Residents believe the crackdown stems from an order Kim Jong Un issued in August.",
     ["Order"], "Kim Jong Un"),
])
def test_directive_triggers(converter, text, expected, issuer):
    """(see also test_issuer_named_after_the_directive)"""
    directives = extract(converter, text).directives
    assert types(directives) == expected
    if issuer:
        assert directives[0].issuer is not None and directives[0].issuer.label == issuer


def test_letters_that_grow_when_lower_cased_keep_trigger_offsets(converter):
    x = extract(converter, "İİİ İstanbul traders were arrested in Hyesan last week.")
    assert [(f.type, f.trigger, f.time.value) for f in x.incidents] == [
        ("Arrest", "arrested", "2020-07")]


@pytest.mark.parametrize("text,expected", [
    ("Officers are searching its homes one by one in Hyesan.", "2020-08"),
    ("Agents have been combing the homes of relatives in Hyesan.", "2020-08"),
    ("Officers searched its homes one by one in Hyesan.", None),
])
def test_an_event_told_as_ongoing_is_dated_to_publication(converter, text, expected):
    incident = extract(converter, text).incidents[0]
    assert (incident.time.value if incident.time else None) == expected


@pytest.mark.parametrize("text,issuer", [
    ("Then came the 80-day battle, which the Party Central Committee declared this month.",
     "Central Committee of the Workers' Party of Korea"),
    ('The country presses on with a "70-day campaign" the ruling Workers\' Party declared in '
     "February.", "Workers' Party of Korea"),
    ("On the 10th, the Cabinet sent a notice to every county banning weddings.",
     "Cabinet of the DPRK"),
    ("The sentences were passed under Order No. 27 of the Ministry of State Security.",
     "Ministry of State Security"),
    ("Kim Jong Un ordered the arrest of Ministry of State Security officials.", "Kim Jong Un"),
    ('The rally crowned the "70-day battle," the labour campaign the Party Central Committee '
     "launched in late February.", "Central Committee of the Workers' Party of Korea"),
    ('Villages raised cloth under a "100-day campaign" the party\'s Central Committee '
     "launched in early July.", "Central Committee of the Workers' Party of Korea"),
])
def test_issuer_named_after_the_directive(converter, text, issuer):
    directive = extract(converter, text).directives[0]
    assert directive.issuer is not None and directive.issuer.label == issuer


@pytest.mark.parametrize("text,issuer", [
    # "the station" stands for the one organisation named before with that head noun
    ("Boats of the Sinpo Fisheries Station were lost. The station's managers ordered the "
     "boats out on the 5th.", "Sinpo Fisheries Station"),
    # a possessed name right after a verb is its object, not the subject that orders
    ("Wages at the Ryongyang Mine went unpaid. The provincial party committee of South "
     "Hamgyong Province summoned the mine's managers and told them to pump out the shafts.",
     "South Hamgyong Provincial Party Committee"),
])
def test_issuer_described_by_its_head_noun(converter, text, issuer):
    directive = extract(converter, text, published=dt.date(2017, 12, 12)).directives[0]
    assert directive.issuer is not None and directive.issuer.label == issuer


@pytest.mark.parametrize("text,expected", [
    ("The ministry early this month instructed its branches to compile lists.", "2020-08"),
    ("A man who had defected three years ago came back to North Korea.", None),
])
def test_a_time_between_subject_and_verb(converter, text, expected):
    x = extract(converter, text)
    frame = (x.directives + x.incidents)[0]
    assert (frame.time.value if frame.time else None) == expected


def test_a_time_after_one_opening_word_opens_the_sentence(converter):
    x = extract(converter, "From the 2nd, the market in Hyesan was shut for a week.")
    assert [(f.type, f.time.value) for f in x.incidents] == [("MarketDisruption", "2020-08-02")]


def test_the_campaign_told_again_gives_its_issuer_and_date(converter):
    x = extract(converter, "Officials are nervous because of the 70-day campaign. The Party "
                           "Central Committee launched the campaign in February.")
    assert [(d.type, d.issuer and d.issuer.slug, d.time and d.time.value)
            for d in x.directives] == [("Campaign", "wpk_central_committee", "2020-02")]


def test_a_surname_of_a_person_outside_the_registry_can_issue_a_directive(converter):
    text = "Ministry spokesperson Kwon Hye-jin spoke on Monday. Kwon ordered officials to wait."
    directives = extract(converter, text).directives
    assert [(d.type, d.issuer.label, d.issuer.known) for d in directives] == [
        ("Order", "Kwon Hye-jin", False)]


def test_a_launched_campaign_is_the_directive_of_its_sentence(converter):
    text = ('On Aug. 1, the provincial party committee launched a "50-day battle" to rebuild '
            'the embankment, ordering every enterprise in Hamju County to send workers.')
    assert types(extract(converter, text).directives) == ["Campaign"]
    text = ("The committee ordered every enterprise to send workers for the 50-day battle.")
    assert types(extract(converter, text).directives) == ["Order"]
    # launched far into a long sentence
    text = ("The plant had been under heavy pressure ever since the Chagang provincial party "
            "committee launched the speed battle in March, demanding that the output be "
            "delivered by autumn.")
    assert types(extract(converter, text).directives) == ["Campaign"]


def test_the_campaign_alone_is_no_campaign(converter):
    assert extract(converter, "The campaign ended in Hyesan.").directives == []


def test_cabinet_decision_is_issued_by_the_cabinet(converter):
    x = extract(converter, "The committee acted on Cabinet Decision No. 12, adopted in January.")
    assert [(d.type, d.issuer and d.issuer.slug, d.identifier) for d in x.directives] == [
        ("Decree", "cabinet", "Cabinet Decision No. 12")]  # the cue takes the issuer too


@pytest.mark.parametrize("text,issuer", [
    ("Kim Jong Un called a meeting of the Politburo of the ruling Workers' Party on "
     "Saturday and ordered Kaesong sealed.", "Kim Jong Un"),
    ("Calls abroad count as spying under an order the Ministry of State Security handed down "
     "in January.", "Ministry of State Security"),
    ("The audit was demanded in late October by the inspection department of the Party "
     "Central Committee.", "Central Committee of the Workers' Party of Korea"),
])
def test_issuer_is_the_subject_not_a_prepositional_object(converter, text, issuer):
    directive = extract(converter, text).directives[0]
    assert directive.issuer is not None and directive.issuer.label == issuer


@pytest.mark.parametrize("text,told", [
    ("Security officials have been told to hunt down everyone involved.", True),
    ("The provincial bureau told every county to keep people indoors.", True),
    # what residents are told to do, or told that, is no directive of its own
    ("Relatives have been told to bring rice to the ward.", False),
    ("Each bereaved family was told that the men had fallen at their posts.", False),
    ("Residents have been told the owners could be sent to a labor camp.", False),
    ("Their families were told to bring 500 yuan each to get them out.", False),
])
def test_who_is_told_makes_an_order(converter, text, told):
    x = extract(converter, text, published=dt.date(2019, 4, 18))
    assert [d.type for d in x.directives] == (["Order"] if told else [])


@pytest.mark.parametrize("text,issuer", [
    # a passive directive: the actor before it is whom it addresses
    ("Security officials have been told to report households where youths gather.",
     None),
    ("Border units were ordered by the Ministry of State Security to double their patrols.",
     "Ministry of State Security"),
])
def test_the_subject_of_a_passive_directive_is_its_addressee(converter, text, issuer):
    directive = extract(converter, text, published=dt.date(2019, 4, 18)).directives[0]
    assert (directive.issuer and directive.issuer.label) == issuer


def test_a_possessive_time_dates_its_own_noun(converter):
    x = extract(converter, "Residents are rebuilding homes wrecked by last month's typhoon, "
                           "even as the newly launched 80-day battle adds more work.")
    assert [(f.type, f.time and f.time.value) for f in x.directives] == [("Campaign", None)]
    assert [(f.type, f.time.value) for f in x.incidents if f.type == "Disaster"] == [
        ("Disaster", "2020-07")]


def test_a_retelling_at_a_place_missing_from_the_registry_is_one_incident(converter):
    x = extract(converter, "Authorities in Hyesan have sealed off a riverside neighbourhood. "
                           "The lockdown of Yonbong-dong began on Sunday.")
    assert types(x.incidents) == ["Lockdown"]


@pytest.mark.parametrize("second", [
    "The escape caused panic among border guards.",
    # a possessive points back as "the" does, though the second telling names another place
    "Within a week of their defection, guards in Ryanggang Province were replaced.",
])
def test_an_incident_told_twice_is_one(converter, second):
    x = extract(converter, "Two families from Musan County escaped the country last month. "
                           + second)
    assert types(x.incidents) == ["Defection"]


def test_the_country_of_a_reporting_agency_is_no_place_of_the_directive(converter):
    x = extract(converter, "North Korea has banned the sale of rice at markets, South Korea's "
                           "spy agency said Thursday.")
    assert [(d.type, [p.label for p in d.places]) for d in x.directives] == [("Order", [])]


@pytest.mark.parametrize("text,places", [
    # what a home body's order forbids abroad is not where it applies
    ("On Monday, an order from Kim Jong Un to wipe out calls to South Korea along the border "
     "was read out in Onsong County.", ["Onsong County"]),
    ("The provincial bowibu ordered guards to shoot anyone crossing into China.", []),
    # a foreign body's order applies abroad
    ("China's Ministry of Commerce ordered Dandong factories to send North Korean workers "
     "home.", ["Dandong"]),
])
def test_a_directive_of_the_home_country_applies_at_home(converter, text, places):
    x = extract(converter, text)
    assert [[p.label for p in d.places] for d in x.directives] == [places]


def test_a_local_bodys_directive_is_also_for_its_own_area(converter):
    x = extract(converter, "In Hyesan, the Ryanggang provincial party committee launched a "
                           "\"100-day battle\" to bring in potatoes in Pochon County.")
    assert [sorted(p.label for p in d.places) for d in x.directives] == [
        ["Pochon County", "Ryanggang Province"]]


def test_a_directive_naming_no_place_gets_none_from_its_issuer(converter):
    x = extract(converter, "In Hyesan, the Ryanggang provincial party committee launched a "
                           "\"100-day battle\" to bring in potatoes.")
    assert [[p.label for p in d.places] for d in x.directives] == [[]]


def test_a_place_that_describes_a_company_is_no_place_of_the_event(converter):
    x = extract(converter, "Two men employed by the Pyongyang-based Moranbong Construction "
                           "Corporation walked out of their dormitory in Khabarovsk.")
    assert [(f.type, [p.label for p in f.places]) for f in x.incidents] == [
        ("Defection", ["Khabarovsk"])]


@pytest.mark.parametrize("dateline", ["SEOUL, July 26 (Yonhap) --", "SEOUL, South Korea (AP) —"])
def test_a_wire_dateline_is_no_place_of_the_event(converter, dateline):
    x = extract(converter, dateline + " Four workers escaped from a building site in "
                                      "Ussuriysk last month.")
    assert [(f.type, [p.label for p in f.places]) for f in x.incidents] == [
        ("Defection", ["Ussuriysk"])]


def test_coordinated_verbs_share_a_time(converter):
    x = extract(converter, "Some forty women pushed in last Monday and would not leave.",
                published=dt.date(2017, 5, 11))
    assert [(f.type, f.time.value) for f in x.incidents] == [("Unrest", "2017-05-01")]


def test_the_day_after_an_event_counts_from_its_most_precise_telling(converter):
    x = extract(converter, "A shaft collapse in Tanchon killed eleven miners last month. "
                           "The shaft gave way on Nov. 26. The day after the collapse, "
                           "inspectors searched the homes of the managers.",
                published=dt.date(2019, 12, 2))
    assert [(f.type, f.time.value) for f in x.incidents] == [
        ("Disaster", "2019-11-26"), ("Search", "2019-11-27")]


def test_the_lead_event_takes_its_day_from_the_quote_after_it(converter):
    lead = ("A family of five from Hoeryong crossed the Tumen River into China earlier this "
            "month, Daily NK has learned. ")
    x = extract(converter, lead + '"They left on the night of the 6th," a source said.',
                published=dt.date(2011, 4, 15))
    assert [(f.type, f.time.value) for f in x.incidents] == [("Defection", "2011-04-06")]
    # a day outside the lead's time is another matter
    x = extract(converter, lead + '"Their papers were checked on March 6," a source said.',
                published=dt.date(2011, 4, 15))
    assert [(f.type, f.time.value) for f in x.incidents] == [("Defection", "2011-04")]


def test_the_day_after_the_lead_goes_to_its_main_clause(converter):
    x = extract(converter, "A border guard fled across the Yalu River into China late last "
                           "month, and Chinese police caught him last month, Daily NK has "
                           'learned. "It all began on the night of June 24," '
                           "a source said.", published=dt.date(2025, 7, 16))
    times = {f.type: f.time.value if f.time else None for f in x.incidents}
    assert times["Defection"] == "2025-06-24" and times["Arrest"] != "2025-06-24"


def test_days_later_counts_from_a_day_named_just_before(converter):
    x = extract(converter, "On the 14th, seven people in the building had fevers. Two days "
                           "later, 32 residents were taken to an isolation ward.",
                published=dt.date(2022, 5, 26))
    assert [(f.type, f.time.value) for f in x.incidents] == [("Quarantine", "2022-05-16")]


def test_directive_responds_to_incident_it_is_anchored_on(converter):
    x = extract(converter, "Eight people from Musan County escaped the country last month. The day "
                           "after the escape, Kim Jong Un ordered guards to seal the border.",
                published=dt.date(2015, 8, 20))
    order = [d for d in x.directives if d.type == "Order"][0]
    assert order.issuer.label == "Kim Jong Un"
    assert x.incidents[order.responds_to].type == "Defection"


@pytest.mark.parametrize("second,told", [
    # "that" opening a relative clause is no determiner: a directive of its own
    ("On Dec. 10 the Ministry of People's Security declared a period that bans weddings.", 2),
    # after a preposition it points back: the same order told again
    ("Residents complained after that ban was posted on the 12th.", 1),
])
def test_that_before_a_trigger_points_back_only_after_a_preposition(converter, second, told):
    x = extract(converter, "The closure was ordered by the city people's committee. " + second,
                published=dt.date(2012, 12, 20))
    assert len(x.directives) == told

@pytest.mark.parametrize("text,identifier", [
    ("The provincial party committee sent down Directive 17 in response.", "Directive 17"),
    ("The committee's order gave units 30 days to comply.", None),
    ("An order came down, and Order 12 people to the farm was the gist.", None),
])
def test_a_capitalised_directive_name_and_number_identify_a_decree(converter, text, identifier):
    x = extract(converter, text, published=dt.date(2015, 6, 10))
    assert [d.identifier for d in x.directives][:1] == [identifier]


def test_the_battle_told_again_gives_the_campaign_its_issuer(converter):
    x = extract(converter, "Squads have been stationed on the roads since the \"200-day "
                           "battle\" got under way. The battle, which the Central Committee "
                           "announced late last month, runs until December. Students say "
                           "the battle never ends.", published=dt.date(2016, 6, 16))
    assert [(d.type, d.issuer and d.issuer.slug) for d in x.directives] == [
        ("Campaign", "wpk_central_committee")]
    alone = extract(converter, "Students say the battle never ends.")
    assert alone.directives == []


def test_numbered_order_is_a_decree_with_identifier(converter):
    x = extract(converter, "Order No. 205 was issued by the Central Emergency Anti-epidemic "
                           "Command in April.")
    decree = x.directives[0]
    assert (decree.type, decree.identifier, decree.issuer.slug) == (
        "Decree", "Order No. 205", "central_emergency_antiepidemic_hq")
    assert decree.time.value == "2020-04"


def test_source_place_is_not_the_incident_place(converter):
    x = extract(converter, "Smugglers were arrested in Hyesan, a source in South Pyongan "
                           "Province told Daily NK.")
    assert [p.slug for p in x.incidents[0].places] == ["hyesan"]
    assert x.sources[0].place.slug == "south_pyongan"
    assert x.incidents[0].source == 0


@pytest.mark.parametrize("text,expected", [
    # days more than a week apart: two searches, though the second names no place
    ("Police searched homes in Hamhung on Sept. 25. On Oct. 13, officers searched the "
     "students' dormitory.", [("Search", "2024-09-25"), ("Search", "2024-10-13")]),
    # days two apart: one flood told twice
    ("Floods hit Sinuiju on Aug. 13. On Aug. 15, flooding cut the road.",
     [("Disaster", "2024-08-13")]),
    # a fire this month and one in March, though the second is in the first one's city
    ("A fire gutted three houses in Chongjin on Oct. 2. In March a row of houses in "
     "Ranam burned down the same way.", [("Disaster", "2024-10-02"), ("Disaster", "2024-03")]),
])
def test_tellings_dated_more_than_a_week_apart_are_different_incidents(converter, text,
                                                                       expected):
    x = extract(converter, text, published=dt.date(2024, 10, 24))
    assert [(f.type, f.time.value) for f in x.incidents] == expected


def test_punishments_of_different_kinds_are_different_incidents(converter):
    """An execution and the prison terms of accomplices are two punishments; "the
    execution" told again is the first one, not the latest punishment."""
    x = extract(converter, "A driver was executed in Hoeryong on the 4th for selling copper. "
                           "Three of his helpers got ten years each in a labour camp. "
                           "Two days after the execution, the factory held a meeting.")
    punishments = [f for f in x.incidents if f.type == "Punishment"]
    assert [f.trigger for f in punishments] == ["executed", "got ten years"]
    assert punishments[0].time.value == "2020-07-04"


def test_an_event_named_as_an_anchor_takes_nothing_from_its_sentence(converter):
    """"Two days after the arrests, the committee ordered the stalls in Hamhung closed":
    Hamhung is the order's place, not the arrests'."""
    x = extract(converter, "On the 14th, police detained eight money changers behind the "
                           "market. Two days after the arrests, the people's committee "
                           "ordered the exchange stalls in Hamhung closed.")
    arrests = [f for f in x.incidents if f.type == "Arrest"]
    assert len(arrests) == 1 and arrests[0].places == []
    assert arrests[0].time.value == "2020-07-14"
    assert [p.label for p in x.directives[0].places] == ["Hamhung"]


def test_an_escape_told_at_two_levels_of_place_is_one(converter):
    """Namyang lies in Onsong County: the second telling gives the day and the count."""
    x = extract(converter, "Three families from Onsong County crossed the Tumen River into "
                           "China at the end of last month. Eleven people slipped across the "
                           "river near Namyang on the night of October 28, a source said.",
                published=dt.date(2017, 11, 7))
    defections = [f for f in x.incidents if f.type == "Defection"]
    assert len(defections) == 1
    assert defections[0].time.value == "2017-10-28"
    assert {"onsong_county", "namyang"} <= {p.slug for p in defections[0].places}


@pytest.mark.parametrize("text,expected", [
    ("Five smugglers were arrested on the 7th after a raid.", "2020-07-07"),
    ("So far nobody has been arrested.", None),
])
def test_day_ordinals_and_nobody(converter, text, expected):
    incidents = extract(converter, text, published=dt.date(2020, 7, 20)).incidents
    if expected is None:
        assert [f for f in incidents if f.type == "Arrest"] == []
    else:
        assert incidents[0].time.value == expected


def test_the_same_number_of_people_tells_one_event(converter):
    x = extract(converter, "Four students have been thrown out of Pyongyang. Late last month, "
                           "four students of a university in Moranbong district were expelled "
                           "and sent to a farm in South Hwanghae province.",
                published=dt.date(2024, 3, 15))
    assert [(f.type, f.time.value) for f in x.incidents] == [("Punishment", "2024-02")]


@pytest.mark.parametrize("text,published,expected", [
    # the lead's day, found in the next sentence, anchors "the next morning"
    ("A wildfire tore through the hills of Unhung County earlier this month. It started on the "
     "afternoon of the 3rd. The next morning the county party committee ordered every school to "
     "send people.", dt.date(2023, 4, 20), "2023-04-04"),
    # a day named two sentences before anchors "two days later"
    ("The blaze was put out on the 6th. Nobody was killed. Two days later, the county party "
     "committee ordered farmers to stop burning weeds.", dt.date(2023, 4, 20), "2023-04-08"),
    # "two days later" counts from a day, not from a month named after it
    ("Workers protested last Tuesday. Rations have been suspended since February. Two days "
     "after the sit-down, the party committee ordered the works to hand out corn.",
     dt.date(2024, 6, 18), "2024-06-13"),
    # the day the anchor names lies further back than the sentences just before
    ("The school sent its pupils home on January 5. The coal never arrived. Each pupil must "
     "bring coal. Few families can spare it. Three days after the closure, the city people's "
     "committee ordered every factory to deliver coal.", dt.date(2015, 1, 13), "2015-01-08"),
])
def test_anchored_times_count_from_a_day_told_before(converter, text, published, expected):
    x = extract(converter, text, published=published)
    assert [d.time.value for d in x.directives] == [expected]


def test_a_possessed_event_anchors_the_directive_that_answers_it(converter):
    x = extract(converter, "Police arrested Ri Kwang Hyok in Nampo on Nov. 6. Two days after "
                           "Ri's arrest, the city party committee ordered every enterprise to "
                           "hold meetings.", published=dt.date(2021, 11, 11))
    order = x.directives[0]
    assert order.time.value == "2021-11-08"
    assert x.incidents[order.responds_to].type == "Arrest"


def test_an_organ_possessed_by_another_is_no_issuer(converter):
    x = extract(converter, "Kim Jong Un presided over a meeting of the party's Political Bureau "
                           "on Saturday and ordered officials to build fire watch posts.")
    assert x.directives[0].issuer.label == "Kim Jong Un"


def test_anchored_incident_times_count_from_the_day_the_lead_was_given(converter):
    x = extract(converter, "A border guard swam across the Yalu River into China earlier this "
                           "month. He went over during the night of Sept. 3. His platoon leader "
                           "was taken away by the Military Security Command the day after the "
                           "escape.", published=dt.date(2022, 9, 13))
    assert [(f.type, f.time.value) for f in x.incidents] == [
        ("Defection", "2022-09-03"), ("Arrest", "2022-09-04")]


def test_a_law_they_face_charges_under_is_still_a_decree(converter):
    x = extract(converter, "The four face charges under the Law on Rejecting Reactionary "
                           "Ideology and Culture, which the Supreme People's Assembly adopted "
                           "in December 2020.", published=dt.date(2023, 2, 22))
    assert [(d.type, d.issuer.label, d.time.value) for d in x.directives] == [
        ("Decree", "Supreme People's Assembly", "2020-12")]
    assert x.incidents == []  # what they face has not happened


def test_an_order_told_again_as_a_numbered_decree_is_that_decree(converter):
    x = extract(converter, "Police in Chongjin have banned private taxis, Daily NK has learned. "
                           "All three were taken to the provincial people's security bureau. "
                           "The ban was issued on Nov. 3 as Order No. 38 of the provincial "
                           "bureau. Drivers believe the ban will be dropped.",
                published=dt.date(2018, 11, 15))
    assert [(d.type, d.identifier, d.issuer.label, d.time.value) for d in x.directives] == [
        ("Decree", "Order No. 38", "Ministry of People's Security", "2018-11-03")]


def test_places_of_a_where_clause_are_another_events(converter):
    x = extract(converter, "Some 600 students have been working in the forests of Kimjongsuk "
                           "County, where trucks haul the logs to Hyesan.")
    assert [[p.label for p in f.places] for f in x.incidents] == [["Kimjongsuk County"]]


def test_an_army_unit_is_the_korean_peoples_army(converter):
    x = extract(converter, "Pupils and soldiers from an army unit stationed nearby guard the "
                           "fields.")
    assert [e.label for e in x.entities if e.kind == "agency"] == ["Korean People's Army"]


def test_a_law_named_after_an_order_is_a_directive_of_its_own(converter):
    x = extract(converter, "Last Wednesday, the provincial security bureau ordered every "
                           "neighborhood unit to hold study sessions on the law. The law, which "
                           "the Supreme People's Assembly adopted in December 2020, allows life "
                           "sentences.", published=dt.date(2024, 4, 23))
    assert [d.type for d in x.directives] == ["Order", "Decree"]


def test_a_time_inside_the_trigger_words_dates_it(converter):
    """A row that spans its verb and its object ("packed off … to a camp") holds the time
    told between them."""
    x = extract(converter, "Three of the four were packed off on Friday to a labor training "
                           "camp.", published=dt.date(2024, 10, 24))
    assert [(f.type, f.time.value) for f in x.incidents] == [("Punishment", "2024-10-18")]


def test_a_time_after_opening_connectives_opens_the_sentence(converter):
    """ "And then the night before last they came back and took …": the time is the
    clause's, as at the head of a sentence."""
    x = extract(converter, "Agents searched the house. \"And then the night before last they "
                           "came back and took his eldest son away.",
                published=dt.date(2022, 11, 10))
    assert [(f.type, f.time and f.time.value) for f in x.incidents][-1] == ("Arrest", "2022-11-08")


def test_an_undated_lead_takes_the_time_the_next_sentences_give(converter):
    """The lead says what happened, the next sentence when: "… on the morning of the 9th"."""
    x = extract(converter, "Police in Hyesan have detained three traders who sold South Korean "
                           "films, Daily NK has learned. Officers came to the market on the "
                           "morning of the 9th, the source said.", published=dt.date(2024, 5, 20))
    assert [(f.type, f.time and f.time.value) for f in x.incidents] == [("Arrest", "2024-05-09")]


@pytest.mark.parametrize("text,expected", [
    # the identifier told again is the same decree
    ("The Cabinet issued Decision No. 32 on Nov. 2. Decision No. 32 forbids tapping factory "
     "lines. Officials call Decision No. 32 the Chongjin decision.",
     [("Decree", "Decision No. 32")]),
    # the lead's order, named in the body, is that decree
    ("The Cabinet has handed down a decision banning homes from tapping factory lines, Daily NK "
     "has learned. It's called Decision No. 32, the source said.",
     [("Decree", "Decision No. 32")]),
])
def test_a_directive_named_again_is_one_directive(converter, text, expected):
    x = extract(converter, text, published=dt.date(2018, 11, 20))
    assert [(d.type, d.identifier) for d in x.directives] == expected


def test_a_time_in_a_relative_clause_after_the_trigger_is_that_clause_s(converter):
    x = extract(converter, "On Oct. 1, officers detained the driver and an inspector who had "
                           "signed off on the worn curve in August.",
                published=dt.date(2022, 10, 14))
    assert [(f.type, f.time.value) for f in x.incidents] == [("Arrest", "2022-10-01")]


def test_a_time_counted_from_the_day_the_source_spoke(converter):
    """ "four days before we spoke" counts from the day the report cue gives ("told Daily NK
    on Monday"), not from publication."""
    x = extract(converter, "A garment worker was picked up by police outside Yanji, Daily NK "
                           "has learned. \"She left the dormitory four days before we spoke,\" "
                           "a source told Daily NK on Monday.", published=dt.date(2019, 5, 16))
    assert [(f.type, f.time and f.time.value) for f in x.incidents] == [("Arrest", "2019-05-09")]
