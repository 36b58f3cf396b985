"""Names found in text and the entities they resolve to (matcher + resolver rules)."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.clean import clean
from kg.model import Metadata, RawArticle
from kg.pipeline import Converter


@pytest.fixture(scope="module")
def converter() -> Converter:
    return Converter()


def mentions(converter, text, published=dt.date(2021, 5, 1)):
    article = clean(RawArticle("t", "t.txt", text, Metadata(published=published)))
    return [(m.text, m.kind, m.ref) for m in converter.extract(article).mentions]


def refs(found, kind):
    return [ref for _, k, ref in found if k == kind]


@pytest.mark.parametrize("text,expected", [
    ("Smugglers from Musan’s border area were caught.", "musan_county"),
    ("Residents of North Hamkyung Province complained.", "north_hamgyong"),
    ("Traders in N. Hamgyong stopped work.", "north_hamgyong"),
    ("Officials in Yangkang Province were sacked.", "ryanggang"),
    ("Officials in Ryanggang Province were sacked.", "ryanggang"),
    ("People in Sakju County starved.", "sakchu_county"),
    ("Police in Sinŭiju raided homes.", "sinuiju"),
    ("Traders in Sariwon, North Hwanghai Province, shut their stalls.", "north_hwanghae"),
    ("He crossed the DMZ near Goseong.", "dmz"),
    ("Workers in Doha, Qatar, fled their dormitory.", "qatar"),
    ("She crossed from Manpo to Ji'an in China.", "jian"),
    ("Smugglers in Kyungsung County were caught.", "kyongsong_county"),
    ("Police in Shinuiju raided homes.", "sinuiju"),
    ("Market women in Hoiryeong were sent home.", "hoeryong"),
    ("A boat from Shinpo went down.", "sinpo"),
    ("The plasterer vanished from a site in St. Petersburg.", "saint_petersburg"),
    ("A tanker was seized at Yeosu in late January.", "yeosu"),
    ("His son died fighting in Russia's Kursk region.", "kursk_oblast"),
    ("The wreck washed up in Akita Prefecture, Japan.", "akita_prefecture"),
    ("Tokyo handed the crew over in Dalian.", "tokyo"),
    ("Washington and Seoul held talks.", "washington"),
    ("Fuel dealers were taken into custody in Munchon last Friday.", "munchon"),
    ("She was caught by police in Helong, Jilin Province.", "helong"),
    ("The broker lived in Longjing.", "longjing"),
    ("He flew on to Seoul from Ulaanbaatar.", "ulaanbaatar"),
    ("Soldiers tore down the hotels of the Kumgangsan resort.", "mount_kumgang"),
])
def test_spelling_variants_resolve_to_one_place(converter, text, expected):
    assert expected in refs(mentions(converter, text), "place")


@pytest.mark.parametrize("text,published,expected", [
    ("The MSS arrested him.", dt.date(2015, 8, 1), {"mss_state_security"}),
    ("The Ministry of Social Security (MSS) arrested him. The MSS then fined him.",
     dt.date(2021, 5, 1), {"mss_social_security"}),
    ("The Ministry of State Security (MSS) arrested him. The MSS then fined him.",
     dt.date(2021, 5, 1), {"mss_state_security"}),
])
def test_abbreviations_follow_dates_and_definitions(converter, text, published, expected):
    assert set(refs(mentions(converter, text, published), "agency")) == expected


def test_capitalised_name_does_not_match_lower_case_word(converter):
    found = mentions(converter, "The party's cadres met. The North Korean regime said so.")
    assert "wpk" not in refs(found, "agency")
    assert "north_korea" not in refs(found, "place")


@pytest.mark.parametrize("text", [
    "He fled to the South in 2019.",
    "Others travel on to the South.\n\nAfter that, the border closed.",  # a sentence ends
    "Songs from the South. Officials seized them.",
])
def test_the_south_is_south_korea(converter, text):
    assert "south_korea" in refs(mentions(converter, text), "place")


def test_unknown_district_and_bureau_are_minted(converter):
    found = mentions(converter, "Vendors in Chongjin's Sunam District were fined by the "
                                "Pohang Market Management Bureau.")
    assert ("Sunam District", "place", "sunam-district") in found
    assert ("Pohang Market Management Bureau", "agency",
            "pohang-market-management-bureau") in found
    assert "chongjin" in refs(found, "place")


@pytest.mark.parametrize("text,label", [
    ("Soldiers of the 124th Regiment were moved to Unpa.", "124th Regiment"),
    ("The 108th Mechanized Division took over the site.", "108th Mechanized Division"),
    ("He sat on the 2nd Economic Committee for a decade.", "2nd Economic Committee"),
])
def test_a_unit_named_by_its_ordinal_is_minted(converter, text, label):
    assert (label, "agency") in [(t, k) for t, k, _ in mentions(converter, text)]


@pytest.mark.parametrize("text", [
    "Shops on the 3rd Division Street closed.",  # a street named after a unit
    "the 3rd Plenary Meeting of the 8th Central Committee of the Workers' Party of Korea",
])
def test_an_ordinal_before_a_head_is_not_always_a_new_agency(converter, text):
    found = mentions(converter, text)
    assert not [t for t, k, _ in found if k == "agency" and t[0].isdigit()]


@pytest.mark.parametrize("text,expected", [
    ("Inmates at Kyohwaso No. 12 in Jongo-ri died of hunger.", ["Kyohwaso No. 12"]),
    ("About 200 prisoners from the overcrowded No. 11 kyohwaso were moved.",
     ["Kyohwaso No. 11"]),
    ("He was sent to Political Prison Camp No. 16.", ["Political Prison Camp No. 16"]),
    ("Under Order No. 12 camps must report deaths.", []),  # the number is the order's
])
def test_a_camp_known_by_its_number_is_a_place(converter, text, expected):
    article = clean(RawArticle("t", "t.txt", text, Metadata(published=dt.date(2021, 5, 1))))
    found = [m.label for m in converter.extract(article).mentions
             if m.kind == "place" and "No." in m.label]
    assert found == expected


@pytest.mark.parametrize("text,expected", [
    ("Students at Kim Il Sung University were questioned.", "Kim Il Sung University"),
    ("Some 800 students of Chongjin Medical University were sent to farms.",
     "Chongjin Medical University"),
    ("The dormitory of the Hyesan Teachers' College was sealed.", "Hyesan Teachers' College"),
])
def test_a_named_university_is_a_place_not_a_person(converter, text, expected):
    found = mentions(converter, text)
    assert expected in [label for label, kind, _ in found if kind == "place"]
    assert not [label for label, kind, _ in found if kind == "person"]


@pytest.mark.parametrize("text,expected", [
    ("A waitress at the Myongsasimni Hotel was taken away.", "Myongsasimni Hotel"),
    ("The boy was treated at the Pyongyang Red Cross Hospital.", "Pyongyang Red Cross Hospital"),
])
def test_a_named_hotel_or_hospital_is_a_place(converter, text, expected):
    assert expected in [label for label, kind, _ in mentions(converter, text) if kind == "place"]


def test_us_dollars_name_no_country(converter):
    found = mentions(converter, "Rice cost 2 US dollars, or 2 U.S. dollars, in the United States.")
    assert refs(found, "place") == ["united_states"]


def test_group_109_in_lower_case(converter):
    found = mentions(converter, "Homes in Haeju were searched, with the 109 group hunting for "
                                "notetels.")
    assert "group_109" in refs(found, "agency")


def test_radio_detection_bureau_is_known(converter):
    found = mentions(converter, "Bureau 27 squads drove through Hoeryong with detectors.")
    assert "bureau_27" in refs(found, "agency")


@pytest.mark.parametrize("text,expected", [
    ("Traders were told by the market management office to close at six.",
     "market_management_office"),
    ("A North Korean navy patrol boat seized the crab boat.", "kpa_navy"),
    ("Lawmakers of the parliamentary intelligence committee were briefed.",
     "kr_assembly_intelligence"),
    ("The Japan Coast Guard found the boat off Akita.", "japan_coast_guard"),
    ("China's foreign ministry said it was not aware of the case.", "cn_mfa"),
    ("He spent three months at the Hanawon resettlement center.", "hanawon"),
    ("In a video posted by Uriminzokkiri, the woman praised the leader.", "uriminzokkiri"),
    ("The school's youth league secretary was fired.", "spyl"),
    ("Members of the city women's union collected the money.", "womens_union"),
])
def test_agencies_named_in_lower_case_or_abroad(converter, text, expected):
    assert expected in refs(mentions(converter, text), "agency")


@pytest.mark.parametrize("published,expected", [
    (dt.date(2012, 5, 1), "kisyl"),
    (dt.date(2018, 5, 1), "kkyl"),
    (dt.date(2022, 5, 1), "spyl"),
])
def test_the_youth_league_goes_by_its_name_on_the_publication_date(converter, published,
                                                                    expected):
    found = mentions(converter, "The Youth League ordered every school's youth league "
                                "secretary to report.", published)
    assert set(refs(found, "agency")) == {expected}


def test_the_youth_league_named_in_full_keeps_that_name(converter):
    found = mentions(converter, "The Kimilsungist-Kimjongilist Youth League ordered it.",
                     dt.date(2022, 5, 1))
    assert refs(found, "agency") == ["kkyl"]


def test_chinese_public_security_keeps_the_registry_name(converter):
    article = clean(RawArticle("t", "t.txt", "The public security bureau in Yanji caught her.",
                               Metadata(published=dt.date(2019, 5, 1))))
    labels = {e.label for e in converter.extract(article).entities if e.kind == "agency"}
    assert labels == {"Ministry of Public Security (China)"}


@pytest.mark.parametrize("text,agency", [
    # the registry's umbrella "People's Committee" is only the head of a named committee
    ("In July the Hyesan People's Committee ordered every household to pay.",
     ("agency", "hyesan-peoples-committee")),
    # a local unit of a registry agency is that agency
    ("The Onsong County State Security Department arrested two.",
     ("agency", "mss_state_security")),
])
def test_a_named_local_body_and_a_local_unit(converter, text, agency):
    found = mentions(converter, text)
    assert agency in [(kind, ref) for _, kind, ref in found if kind == "agency"]


def test_known_name_inside_unknown_one_gives_way(converter):
    found = mentions(converter, "Goods pass the Huchang Customs Office daily.")
    assert ("Huchang Customs Office", "place", "huchang-customs-office") in found
    assert "kimhyongjik_county" not in refs(found, "place")


def test_surname_refers_to_the_person_named_before(converter):
    found = mentions(converter, "Leader Kim Jong-un called a meeting. Kim told officials "
                                "to obey.", dt.date(2020, 7, 26))
    assert refs(found, "person") == ["kim-jong-un", "kim-jong-un"]


def test_definite_description_refers_to_the_agency_named_before(converter):
    found = mentions(converter, "The Central Emergency Anti-Epidemic Committee met. The "
                                "anti-epidemic committee then agreed to reopen markets.")
    agencies = refs(found, "agency")
    assert len(agencies) == 2 and len(set(agencies)) == 1


@pytest.mark.parametrize("text,expected", [
    ("Minister Ri Son Gwon said so.", ["Ri Son Gwon"]),
    ("Rep. Han Seung-woo told reporters.", ["Han Seung-woo"]),
    ("She was identified as Jon Hye Yong, 46.", ["Jon Hye Yong"]),
    ("Their commander, Captain Ri Kwang Myong, was jailed.", ["Ri Kwang Myong"]),
    ("It was Senior Lieutenant Jo Nam Hyok who sent them up.", ["Jo Nam Hyok"]),
    ("The office's manager, Pang Chol Su, was taken away.", ["Pang Chol Su"]),
    ("Kim Il Sung University opened late.", []),  # a longer name of something else
    ("The Han River rose again.", []),
    ("Sinuiju Han Seung-woo Street was closed.", []),
])
def test_korean_names_not_in_the_registry_are_persons(text, expected):
    from kg.persons import find_persons

    assert [m.label for m in find_persons(text, [])] == expected


@pytest.mark.parametrize("text,expected", [
    ("Officers of the Onsong County State Security Department came.", "mss_state_security"),
    ("A Border Guard Command officer was sacked.", "border_guard"),
])
def test_local_unit_of_a_registry_agency_is_that_agency(converter, text, expected):
    found = mentions(converter, text, dt.date(2017, 11, 1))
    assert refs(found, "agency") == [expected]


def test_a_name_defining_its_initials_is_an_organisation(converter):
    found = mentions(converter, "The Pyongyang Trade Supervision Office (PTSO) fined them. "
                                "The PTSO later relented.")
    agencies = [(text, ref) for text, kind, ref in found if kind == "agency"]
    assert agencies[0] == ("Pyongyang Trade Supervision Office",
                           "pyongyang-trade-supervision-office")
    assert [ref for _, ref in agencies].count("pyongyang-trade-supervision-office") == 3


@pytest.mark.parametrize("text,expected", [
    ("The ruling Workers' Party of Korea will meet.", ["wpk"]),
    ("The ruling Workers’ Party of Korea will meet.", ["wpk"]),
    ("Kim called a meeting of the Workers' Party's politburo.", ["wpk_politburo"]),
    ("The Party's Central Committee met.", ["wpk_central_committee"]),
])
def test_plural_and_possessive_apostrophes_inside_agency_names(converter, text, expected):
    assert refs(mentions(converter, text), "agency") == expected


@pytest.mark.parametrize("text,published,expected", [
    ("State security agents watched the lanes.", dt.date(2022, 9, 1), ["mss_state_security"]),
    ("Officers from the district social security station came.", dt.date(2024, 3, 1),
     ["mss_social_security"]),
])
def test_security_services_by_their_common_descriptions(converter, text, published, expected):
    assert refs(mentions(converter, text, published), "agency") == expected


@pytest.mark.parametrize("text,expected", [
    ("He lodged with the Ministry of State Security. Later the ministry instructed its "
     "branches to compile lists.", ["mss_state_security", "mss_state_security"]),
    ("The Ministry of State Security and the Ministry of Social Security met. Later the "
     "ministry instructed its branches.", ["mss_state_security", "mss_social_security"]),
])
def test_a_bare_head_refers_to_the_only_agency_it_fits(converter, text, expected):
    assert refs(mentions(converter, text), "agency") == expected


@pytest.mark.parametrize("text,expected", [
    ("Agents in neighboring Musan county searched homes.", ["musan_county"]),
    ("Residents of North Hamgyong province complained.", ["north_hamgyong"]),
])
def test_a_place_head_may_be_written_in_lower_case(converter, text, expected):
    assert refs(mentions(converter, text), "place") == expected


@pytest.mark.parametrize("text,expected", [
    ("Residents of Hyesan say the provincial party committee met on Monday.",
     ["Ryanggang Provincial Party Committee"]),
    ("The trial in Wonsan was held at the city's people's court.",
     ["Wonsan City People's Court"]),
    ("Fishermen in Munchon, Kangwon Province, say the province's party committee raised quotas.",
     ["Kangwon Provincial Party Committee"]),
    ("In Sakchu County, the county people's committee sealed the village. The committee "
     "also banned visits.", ["Sakchu County People's Committee"] * 2),
    ("Workers in Kanggye say the Chagang provincial party committee launched the drive.",
     ["Chagang Provincial Party Committee"]),
    ("Students in Hamhung say the city youth league committee ordered weekly checks.",
     ["Hamhung City Youth League Committee"]),
    ("In Kowon County, the county people's committee ordered the county food administration "
     "to sell corn.", ["Kowon County People's Committee", "Kowon County Food Administration"]),
    ("In Hyesan, an official of the city military mobilization department was detained.",
     ["Hyesan City Military Mobilization Department"]),
    ("In Kosan County, a patrol from the county forest management station followed the "
     "tracks.", ["Kosan County Forest Management Station"]),
    ("In Hamju, South Hamgyong Province, inspectors from the provincial prosecutors' office "
     "weighed the grain.", ["South Hamgyong Provincial Prosecutors Office"]),
    ("In Musan, the county prosecutor's office opened a case.",
     ["Musan County Prosecutors Office"]),
    # the place written in the name, not the last city named before
    ("Traders in Hyesan came back from Sinuiju. The Hyesan City People's Committee met.",
     ["Hyesan City People's Committee"]),
    # found whole with its place by the head nouns: it keeps that place
    ("Traders in Kimchaek buy cards from Chongjin. Cards come from Chongjin. On the orders "
     "of the Kimchaek City Party Committee, teachers check bags.",
     ["Kimchaek City Party Committee"]),
    # the city the article is about, not the town a trader came back from
    ("In Sunchon, blocks near the station were sealed. Sunchon officials said traders had "
     "come back from Sinuiju. The city's people's committee met.",
     ["Sunchon City People's Committee"]),
])
def test_local_bodies_are_named_after_the_place_of_their_level(converter, text, expected):
    article = clean(RawArticle("t", "t.txt", text, Metadata(published=dt.date(2021, 5, 1))))
    found = [m.label for m in converter.extract(article).mentions if m.kind == "agency"]
    assert found == expected


def test_a_local_body_without_a_place_of_its_level_is_left_alone(converter):
    found = mentions(converter, "Officials said the provincial party committee met.")
    assert all("Provincial" not in ref for _, _, ref in found if ref)


@pytest.mark.parametrize("published,ref", [
    (dt.date(2017, 5, 29), "mps_peoples_security"),
    (dt.date(2023, 5, 29), "mss_social_security"),
])
def test_the_peoples_safety_office_is_the_police_ministry_of_its_day(converter, published,
                                                                      ref):
    found = mentions(converter, "The local People's Safety office sent twelve absentees to "
                                "a labor camp.", published)
    assert refs(found, "agency") == [ref]


@pytest.mark.parametrize("text,ref", [
    ("Trucks crossed at Wonjong from Quanhe.", "wonjong"),
    ("Trucks crossed at Wonjong from Quanhe.", "quanhe"),
    ("Workers rolled across the bridge from Khasan to Tumangang.", "khasan"),
    ("Workers rolled across the bridge from Khasan to Tumangang.", "tumangang"),
    ("Most had spent three years in the Russian Far East.", "russian_far_east"),
])
def test_places_of_the_russian_and_chinese_border_at_rason(converter, text, ref):
    assert ref in refs(mentions(converter, text), "place")


@pytest.mark.parametrize("text,ref", [
    ("Chinese police brought them over the bridge from Tumen to Namyang.", "tumen_city"),
    ("Traders in Tumen said so.", "tumen_city"),
    ("Two women crossed the Tumen at night.", "tumen_river"),
    ("They slipped over the frozen Tumen before dawn.", "tumen_river"),
    ("They were stopped at the [Tumen] River in mid-April.", "tumen_river"),
])
def test_a_bare_name_of_a_river_and_a_town_is_the_river_after_the(converter, text, ref):
    found = refs(mentions(converter, text), "place")
    assert ref in found and not {"tumen_city", "tumen_river"} - {ref} & set(found)


@pytest.mark.parametrize("text,expected", [
    ("Thai immigration police arrested her in Bangkok.", []),
    ("Mongolian police have not detained the family.", []),
    ("North Korean police caught them.", ["mss_social_security"]),
    ("Chinese traders and police clashed.", ["mss_social_security"]),
])
def test_police_of_a_foreign_nationality_are_not_the_home_police(converter, text, expected):
    assert refs(mentions(converter, text, dt.date(2023, 5, 1)), "agency") == expected


@pytest.mark.parametrize("text,ref", [
    ("Members of the Women's Union walked the alleys every night.", "womens_union"),
    ("Workers at the February 8 Vinalon Complex went unpaid.", "vinalon_complex"),
    ("Pupils rehearsed for the anniversary of the Korean Children's Union.", "childrens_union"),
])
def test_mass_organisations_and_a_large_enterprise_are_in_the_registry(converter, text, ref):
    assert ref in refs(mentions(converter, text), "agency")


def test_another_vinalon_complex_is_not_the_hamhung_one(converter):
    found = mentions(converter, "Workers at the Sunchon Vinalon Complex went unpaid.")
    assert "vinalon_complex" not in refs(found, "agency")


@pytest.mark.parametrize("tail,is_person", [
    ("Reported by Han Song Mi for RFA's Korean Service.", False),  # a credit line only
    ("Han Song Mi\n\nHan Song Mi is a defector turned journalist.", True),  # a bio
])
def test_the_author_is_a_person_of_the_article_when_it_says_who_she_is(converter, tail,
                                                                      is_person):
    raw = RawArticle("t", "t.md", "Police in Hyesan detained two traders on Monday.\n\n"
                     + tail, Metadata(published=dt.date(2021, 5, 1), author="Han Song Mi"))
    persons = [e.label for e in converter.convert(raw).extraction.entities
               if e.kind == "person"]
    assert ("Han Song Mi" in persons) is is_person


def test_the_red_guards_are_the_militia(converter):
    found = mentions(converter, "Members of the Worker-Peasant Red Guards in Wonsan were told "
                                "to report.")
    assert "worker_peasant_red_guards" in refs(found, "agency")


def test_the_spa_standing_committee_written_out_is_the_spa(converter):
    found = mentions(converter, "The Standing Committee of the Supreme People's Assembly "
                                "adopted the decree.")
    assert refs(found, "agency") == ["spa"]


@pytest.mark.parametrize("text,place", [
    ("South Korea's spy agency said Thursday.", "south_korea"),
    ("China's Ministry of Public Security said so.", "china"),
])
def test_an_agency_named_with_its_country_in_the_possessive_mentions_the_country(
        converter, text, place):
    found = mentions(converter, text)
    assert refs(found, "place") == [place] and len(refs(found, "agency")) == 1


@pytest.mark.parametrize("text,kind,ref", [
    ("The Joint Chiefs of Staff said Tuesday.", "agency", "kr_jcs"),
    ("He was picked up by the South Korean navy off Sokcho.", "agency", "kr_navy"),
    ("Boats of the Sinpo Fisheries Station sank.", "agency", "sinpo-fisheries-station"),
    ("Loggers of the Rangrim Forestry Station were hurt.", "agency", "rangrim-forestry-station"),
    ("A trial was held in front of the Hamhung Grand Theatre.", "place",
     "hamhung-grand-theatre"),
    ("Nine miners died at the Samgwang Gold Mine.", "agency", "samgwang-gold-mine"),
    ("The men worked for the Pyongyang-based Moranbong Construction Corporation.", "agency",
     "moranbong-construction-corporation"),
    ("Under UN Security Council Resolution 2397, workers must go home.", "agency",
     "un_security_council"),
    ("Russian police then picked up one of the pair.", "agency", "ru_police"),
])
def test_south_korean_units_and_enterprises_are_agencies(converter, text, kind, ref):
    assert ref in refs(mentions(converter, text), kind)


def test_after_a_hyphen_either_case_matches(converter):
    """The registry writes "Anti-Epidemic"; articles write "Anti-epidemic" as often."""
    found = mentions(converter, "It follows Directive No. 9 of the Central Emergency "
                                "Anti-epidemic Headquarters.")
    assert [(text, ref) for text, kind, ref in found if kind == "agency"] == [
        ("Central Emergency Anti-epidemic Headquarters", "central_emergency_antiepidemic_hq")]


def test_a_short_form_heading_an_of_phrase_names_nothing(converter):
    found = mentions(converter, "The leader of the border guard platoon was demoted.",
                     dt.date(2017, 6, 28))
    assert refs(found, "person") == []
    found = mentions(converter, "The order came from the leader himself.", dt.date(2017, 6, 28))
    assert refs(found, "person") == ["kim-jong-un"]


@pytest.mark.parametrize("text,published,ref", [
    ("The provincial people's security bureau ordered universities to lock up chemicals.",
     dt.date(2012, 11, 14), "mps_peoples_security"),
    ("Nobody gets out without a pass from the county social security department.",
     dt.date(2021, 12, 1), "mss_social_security"),
])
def test_local_police_bureaus_are_the_police_ministry_of_their_time(converter, text,
                                                                    published, ref):
    assert refs(mentions(converter, text, published), "agency") == [ref]


@pytest.mark.parametrize("text", [
    "They fled from a building site in the Russian city of Khabarovsk.",
    "They were taken by ship to the North Korean port of Rajin.",
    "The plant is run by a Chinese company.",
])
def test_a_nationality_before_a_head_names_nothing(converter, text):
    assert [m for m in mentions(converter, text) if m[2] and "-" in m[2]
            and ("city" in m[2] or "port" in m[2] or "company" in m[2])] == []


@pytest.mark.parametrize("text,minted", [
    # a head followed by another capitalised word is inside a longer name, not its end
    ("A fire swept through Pyongyang Department Store No. 1 last month.", []),
    ("Nine miners died at the Samgwang Gold Mine on Monday.", ["samgwang-gold-mine"]),
])
def test_a_head_inside_a_longer_name_mints_nothing_of_its_own(converter, text, minted):
    found = mentions(converter, text)
    assert [ref for _, kind, ref in found if kind == "agency"
            and ref not in ("cabinet", "mps_peoples_security")] == minted


@pytest.mark.parametrize("text,places,minted", [
    # a facility head in lower case describes ("the market in Haeju"); capitalised, it names
    ("Corn at the Haeju market now sells for 3,000 won.", ["haeju"], []),
    ("Traders at Sapo Market in Hamhung were fined.", ["sapo-market", "hamhung"], []),
    # a possessive inside an "X of Y" name: one agency, not "Ministry of People"
    ("Soldiers of the Ministry of People's Armed Forces guarded the mine.", [],
     ["ministry-of-peoples-armed-forces"]),
])
def test_facilities_in_lower_case_and_possessives_in_names(converter, text, places, minted):
    found = mentions(converter, text)
    assert refs(found, "place") == places
    assert [ref for _, kind, ref in found if kind == "agency" and "-" in ref] == minted
