"""Ordinary news, written for these tests, in which words of violence have other senses (an
animal's attack, a plane crash, a protest lodged, a police drugs raid): no event. And a few
short reports of political violence, which must still give one."""
import pytest

NO_EVENT = [
    # sport
    "PATNA, India - The Patna Pirates won a thrilling Pro Kabaddi League match on Sunday night, with "
    "their captain completing 14 successful raids. The home side trailed at half time but their "
    "defenders tackled brilliantly in the second half, the league said.",
    "LONDON - More than 50,000 runners took to the streets of London on Sunday for the annual "
    "marathon. Police said the event passed off without incident.",
    # business and politics
    "LONDON - Creditors seized the assets of a collapsed fashion retailer on Thursday. The "
    "retailer's founder said he had been ambushed by the lenders.",
    "NAIROBI, Kenya - The main opposition coalition lodged a formal protest with the electoral "
    "commission on Tuesday over changes to the voter register.",
    # courts
    "LEEDS, England - A former youth football coach was jailed for nine years on Tuesday for "
    "sexually assaulting three boys in the 1990s. The man had denied the charges.",
    "ATMORE, Alabama - Alabama executed a convicted murderer using nitrogen gas on Thursday, the "
    "first use of the method in the United States.",
    # crime and policing without politics
    "ROTTERDAM, Netherlands - Dutch police seized two tonnes of cocaine hidden in a shipment of "
    "bananas, authorities said on Wednesday. Three men were arrested in raids on homes in the city.",
    "MANILA, Philippines - Police raided three brothels in Manila on Wednesday night and rescued "
    "23 women in an inquiry into human trafficking. Eleven people were arrested.",
    "LONDON - Burglars broke into a university library overnight and stole rare books worth "
    "2 million pounds, police said on Monday.",
    # accidents and disasters
    "SAO PAULO, Brazil - A passenger plane crashed in a residential area near Sao Paulo on "
    "Friday, killing all 62 people on board, the airline said.",
    "SILIGURI, India - A goods train rammed into a stationary passenger train on Monday, killing "
    "nine people and injuring dozens, railway officials said.",
    "PORTO ALEGRE, Brazil - Floods in southern Brazil have killed at least 126 people. The army "
    "evacuated thousands from the city of Porto Alegre.",
    "WAYANAD, India - Landslides buried villages in Kerala on Tuesday, killing at least 150 people. "
    "Army teams were deployed to search for survivors.",
    "MANCHESTER, England - A terminal at Manchester Airport was evacuated on Thursday after a "
    "suspicious bag was found, police said. The bag was later declared safe.",
    # animals
    "PERTH, Australia - A shark killed a surfer off Western Australia's coast on Tuesday, police said.",
    "CARDIFF, Wales - A two-year-old girl was seriously injured when she was attacked by a dog at "
    "a house in Cardiff on Sunday, police said.",
    # the military in peacetime
    "SEOUL - North Korea fired a solid-fuel ballistic missile into the sea off its east coast on "
    "Sunday, South Korea's military said.",
    "VILNIUS, Lithuania - NATO troops began a large-scale exercise in Lithuania on Thursday, with "
    "20,000 soldiers deployed from 11 countries. Tanks fired live rounds at a training range.",
    "TOKYO - Nintendo said on Monday it would release a miniature version of its 1990 console. "
    "Fans said the device was a blast from the past.",
]


@pytest.mark.parametrize("text", NO_EVENT, ids=[t.split(" - ")[0][:30] for t in NO_EVENT])
def test_newcomer_ordinary_news_gives_no_event(code_text, text):
    assert code_text(text) == []


VIOLENT = [
    ("KANDAHAR, Afghanistan - A suicide bomber detonated his explosives outside a bank in Kandahar on "
     "Thursday, killing 21 people, officials said.", "Explosions/Remote violence"),
    ("GOMA, Democratic Republic of Congo - Congolese soldiers clashed with M23 rebels near the town "
     "of Sake on Wednesday, killing at least 15 fighters, an army spokesman said.", "Battles"),
    ("DHAKA, Bangladesh - Police arrested the secretary general of the main opposition party in "
     "Dhaka on Friday, party officials said.", "Strategic developments"),
    ("KADUNA, Nigeria - Gunmen abducted 287 pupils from a school in Kaduna state on Thursday, "
     "local officials said.", "Violence against civilians"),
    ("DAKAR, Senegal - Thousands of opposition supporters protested in Dakar on Friday against the "
     "decision to postpone the election.", "Protests"),
    ("NEW YORK - Police arrested about 400 people on Saturday, officials said.", "Strategic developments"),
]


@pytest.mark.parametrize("text,event_type", VIOLENT, ids=[t.split(" - ")[0][:30] for t, _ in VIOLENT])
def test_newcomer_political_violence_is_still_coded(code_text, text, event_type):
    assert event_type in {e.event_type for e in code_text(text)}


def test_newcomer_an_arms_purchase_is_no_agreement(code_text):
    assert code_text("WARSAW - Poland signed a $10 billion deal on Tuesday to buy 96 Apache attack "
                     "helicopters from the United States, the defence ministry said.") == []


@pytest.mark.parametrize("text", [
    "Fourteen inmates escaped from a prison in Guayaquil, Ecuador, on Monday. Police recaptured five of "
    "them by the evening.",
    "A driver was shot dead in a road rage incident on a Houston highway on Sunday evening, police said.",
    "A 19-year-old man was stabbed during a fight outside a nightclub in Glasgow early on Saturday.",
])
def test_escapes_road_rage_and_nightclub_fights_are_crime(code_text, text):
    assert code_text(text) == []
