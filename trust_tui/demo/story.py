"""The sample couple's story: who they are and the words they use.

Their story: Eli kept a debt hidden for a year and Noor found out from a letter.
They are rebuilding, slowly, with the ordinary ups and downs. Everything here is
plain data; build.py turns it into records, through the same rules the app uses.

Kind words only: apologies without excuses, no blame (tests/unit/test_demo.py).
"""

from __future__ import annotations

SAMPLE_NAMES = ("Noor", "Eli")

# --- the words ------------------------------------------------------------------------

HEAVY_OPENINGS = (
    "Hard day today.",
    "I keep going back to the letter.",
    "Woke up at four again and couldn't stop thinking.",
    "Still raw after last night's talk.",
    "I wanted to write this down before it fades.",
    "Some days the whole thing feels very close.",
    "Quiet evening, a bit heavy.",
    "I noticed I was checking the post again.",
    "Today was mostly all right, with a dip in the afternoon.",
    "It took me a while to get going this morning.",
)
LIGHT_OPENINGS = (
    "Good day, mostly.",
    "A calm evening, for a change.",
    "Ordinary day, which is its own kind of good.",
    "Busy at work, easy at home.",
    "Something small made me smile today.",
    "Slept well for once.",
    "I feel lighter than I did a month ago.",
    "Nothing big to report, and that is fine.",
    "We laughed a lot at dinner.",
    "A slow Sunday.",
    "Rain all day; we stayed in.",
    "Long walk after work, clears my head every time.",
)
DETAILS = (
    "The train was late both ways, so I read most of my book.",
    "We made the lentil soup from your grandmother's recipe.",
    "Work was mostly meetings; the new project starts next month.",
    "I called my sister and we talked for an hour.",
    "The plants on the balcony are finally coming back.",
    "We went through the bills together after dinner and it was fine.",
    "I finished the shelf in the hallway.",
    "Picked up the bike from the repair shop.",
    "We watched the second half of that documentary.",
    "I managed a run before work.",
    "Lunch with a colleague who is moving to Lisbon.",
    "The neighbours' cat came in through the window again.",
    "We planned the weekend at the lake.",
    "I cooked, you washed up, we both sat outside after.",
    "Spent the evening sorting old photos.",
    "I told my friend a little about what we are working on.",
    "The car needs new tyres; we agreed to look together on Saturday.",
    "We tried the new bakery on the corner.",
    "I worked late and texted when I left, like we said.",
    "Your mum rang and we had a good chat.",
    "We did the weekly shop together and stuck to the list.",
    "I stayed off my phone all evening and noticed the difference.",
    "Made a start on the tax papers; less scary than I thought.",
    "We talked about maybe getting a dog next year.",
    "I fixed the dripping tap, finally.",
    "Walked to the river and back at sunset.",
    "We played cards until late.",
    "Dentist in the morning, all fine.",
)
HEAVY_CLOSINGS = (
    "Tomorrow is another go.",
    "Writing it down helps.",
    "I'll bring it up at the weekly meeting.",
    "Going to bed early.",
    "One day at a time.",
    "I could have said more; maybe tomorrow.",
    "",
)
LIGHT_CLOSINGS = (
    "I'm glad we are doing this.",
    "I want to remember that this was an easy one.",
    "It felt good to be honest about it.",
    "I noticed I trusted what you said without checking.",
    "That's all for today.",
    "I'm proud of us for this week.",
    "",
)
HONESTY = (
    "Spent 14 on a book at the station; I hadn't planned to.",
    "Had a coffee with Priya from work; we talked about her move.",
    "I checked the old bank app out of habit. Nothing new in there.",
    "I was twenty minutes later than I said because I stopped at the shop.",
    "I bought lunch out three times this week instead of once.",
    "Mum asked how we are; I said we are working on things and left it there.",
    "I felt irritated at dinner and didn't say so. It was about work, not you.",
    "I skipped the gym and went for a drink with Sam instead.",
    "I lent Tom 30 until Friday.",
    "I had a letter from the bank: just the new card, nothing else. It's on the desk.",
    "I was tempted to order the headphones and decided to ask first.",
    "I told a colleague we had a rough year. I didn't go into detail.",
    "I forgot to water the plants and blamed the heat. It was me.",
    "I looked at flights for your birthday; that's why the tab was open.",
    "I went to the pub after the match and stayed longer than I meant to.",
    "I paid the phone bill late by two days; there is a small fee.",
    "I worried all afternoon that you were upset with me, and didn't ask.",
    "I sent my brother 50 for his course. I should have mentioned it first.",
    "I ate the last of the cake. Sorry, it was very good.",
    "I was short with you on the phone because I was tired.",
)
SLIPS = (
    "I said I'd text when I left work and forgot until I was home. Telling you now rather than hoping it didn't matter.",
    "I used the joint card for something of mine. It was 22; I've moved the money back.",
    "I told you I'd sorted the insurance. I hadn't yet. It's done now, this evening.",
    "I went quiet instead of saying I needed space. That was the old habit.",
    "I missed our Sunday look at the statements; can we do it tomorrow?",
    "I said 'fine' when it wasn't fine.",
    "I was on my phone during dinner after we agreed not to be.",
    "I forgot to mention the parking fine from last week. Here it is.",
    "I rolled my eyes when you asked where I'd been. You had every reason to ask.",
    "I brought up the big topic at eleven at night, after we agreed not to.",
    "I didn't say the meeting would run late until it already had.",
    "I opened your post by mistake and closed it again without reading. Wanted you to know.",
)
APOLOGIES = (
    "I cut you off when you were talking about your sister. That was unkind of me. I'd like to hear the rest tonight.",
    "I hurt you when I joked about the money in front of Tom. I won't do that again. What would help?",
    "I made a mistake not telling you about the card letter straight away. I understand why it scared you.",
    "I was dismissive when you asked about my day. You deserved a real answer.",
    "I snapped at you this morning. That was about my stress, and you got the brunt of it.",
    "I broke our agreement about late texts. I know that takes us a step back, and I'm owning it.",
    "I got defensive in our talk. You were telling me how you felt, and I made it about me.",
    "I forgot your appointment. I should have written it down. Can I come next time?",
)

# What the listener says back: to Noor (Eli listening) and to Eli (Noor listening).
HEARD_FROM_NOOR = (
    "What I heard: the money mattered less than finding out from a letter instead of from me.",
    "You felt alone with the bills for a whole year without knowing why.",
    "You're scared that if you stop checking, it will happen again.",
    "It helps you when I say things before you have to ask.",
    "You want us to look at the statements together, not you looking alone.",
    "When I go quiet, you fill the silence with the worst version.",
    "You felt I made the talk about my guilt instead of your hurt.",
    "What you're asking for is small and specific: a text if I'm late.",
    "You're tired of being the one who brings it up.",
    "It hurt you that my mum knew something before you did.",
    "You noticed I told you about the headphones before buying them, and it mattered.",
    "You'd like me to ask what would help, instead of guessing.",
)
HEARD_FROM_ELI = (
    "You're ashamed, and the shame made you keep it hidden longer.",
    "You thought you could fix it before I noticed, and you see now it made it worse.",
    "When I check the account you feel watched, and you also understand why I do it.",
    "You want to show me you've changed, not only tell me.",
    "You were afraid I'd leave if I knew.",
    "You felt proud of us this week, and a bit afraid to say so.",
    "You'd like the hard talks earlier in the evening, not at midnight.",
    "The weekend felt like us again, and you want more of that.",
    "You'd like me to say when something helps, not only when it doesn't.",
    "It matters to you that I come back after a break, even when it's hard.",
)
NEXT_STEPS = (
    "Sit down with the statements on Sunday morning.",
    "Eli texts when leaving work, every day this week.",
    "Book a session with the counsellor Noor found.",
    "Pick up tonight's talk again on Thursday at 7.",
    "Each of us writes one honest line in the journal every evening.",
    "No big topics after 10 pm; we write them down for the next day.",
    "Eli calls the bank about the payment plan on Monday.",
    "Plan one evening out together this month.",
    "Look again at the 'late text' agreement at the weekly meeting.",
    "Noor says when she needs space instead of going quiet.",
)
WINS = (
    "You told me about the bank letter the moment it arrived.",
    "A whole week of texts when running late, without a reminder.",
    "We got through the statements in twenty minutes and then watched a film.",
    "I asked a hard question and got a straight answer.",
    "We took a break in the middle of the talk and actually came back to it.",
    "Dinner without phones, three nights running.",
    "I didn't check the banking app all week and didn't need to.",
    "We laughed about something from last year. That felt new.",
    "You said 'I was wrong' without a 'but'.",
    "We made a decision about the car together, calmly.",
    "I said I needed space and it was fine.",
    "The weekly meeting took forty minutes and ended on a joke.",
    "We told your parents a little about this year, together.",
    "You noticed I was anxious and asked instead of guessing.",
    "First Sunday in a while where the statements were boring.",
    "We talked about next summer. Planning ahead felt possible.",
    "I owned a slip the same day and it went fine.",
    "Slept in the same room all week after a rough month.",
    "We disagreed about money and nobody raised their voice.",
    "Eli's payment plan is halfway done.",
    "Noor trusted me with the joint account again.",
    "We finished a talk with time to spare.",
)
THANKS = (
    "Thank you for listening all the way through last night.",
    "Thank you for making dinner when I was wiped out.",
    "Thank you for telling me about the card before I asked.",
    "Thank you for coming back after the break, like you said you would.",
    "Thank you for the note in my coat pocket.",
    "Thank you for giving me the morning to myself.",
    "Thank you for asking what would help instead of fixing it.",
    "Thank you for staying in the room when it got hard.",
    "Thank you for telling your mum we're okay, and meaning it.",
    "Thank you for the walk; I needed that.",
    "Thank you for being honest about the drink with Sam.",
    "Thank you for noticing I was tired and taking the calls.",
    "Thank you for not bringing it up at your brother's.",
    "Thank you for sitting with the statements without a sigh.",
)
GOALS = (
    ("One honest small thing each evening", "days_in_a_row", 7),
    ("Dinners without phones", "times", 5),
    ("A text whenever either of us runs late", "days_in_a_row", 14),
    ("A walk together after work", "times", 6),
    ("Statements together on Sundays", "times", 4),
    ("Say one thank-you a day", "days_in_a_row", 10),
    ("No big topics after 10 pm", "days_in_a_row", 7),
    ("Cook together on weekends", "times", 4),
)
SETBACKS = (
    "Eli moved money between accounts and didn't mention it for a week. We talked it through on Sunday.",
    "A bad night: an old argument came back and neither of us took a break in time.",
    "Noor read Eli's messages while he was in the shower. She told him the next morning.",
    "We skipped two weekly meetings in a row and felt it.",
    "Eli was vague about where he'd been on Friday. It was innocent, but it stung.",
    "The anniversary of finding the letter was harder than either of us expected.",
    "A payment bounced and we both panicked before finding out it was a bank error.",
)
CONCERNS = (
    "Being asked where I was twice in one evening felt like checking up. Can we talk about it?",
    "I'd like us to look again at the phone agreement; it feels tight now.",
    "The 10 pm rule is hard when the only quiet time we get is late. Can we adjust it?",
)
RITUAL_NOTES = {  # by step of the weekly meeting
    "appreciations": ("Thanks for the soup on Tuesday.", "Thanks for the patience on Wednesday.",
                      "Thank you for the walk on Sunday."),
    "went_well": ("The late-text agreement is working for both of us.",
                  "We kept to the statements three Sundays running."),
    "reviews": ("The phone agreement needs a small change; done.",
                "Kept the 10 pm rule as it is; it still helps."),
    "issue": ("The weekend plans; we agreed to decide by Thursday.",
              "Who calls the bank; Eli will, on Monday."),
    "close": ("This week: Eli books the car service; Noor plans Saturday.",
              "This week: a walk together twice."),
}
FOLLOW_NOTES = {
    True: ("Texted at 6:10 that the train was late.", "Mentioned it the same day.",
           "Told me before I asked.", "Done, without a reminder.", "", "", ""),
    False: ("Forgot; told me the next morning.", "Remembered halfway through the evening.",
            "Slipped; we talked about it at the weekly meeting.", ""),
}
EXPECTATIONS = (
    # (wording, category, asked by Noor?)
    ("Tell me by text if you'll be more than 20 minutes later than you said.", "time", True),
    ("We look at the bank statements together on the first Sunday of each month.", "money", True),
    ("If you spend more than 100 on anything, mention it the same day.", "money", True),
    ("When I ask a direct question, answer it directly, even when it's awkward.", "honesty", True),
    ("Tell me when you need space, instead of going quiet for the evening.", "other", False),
    ("Phones stay off the table at dinner.", "devices", False),
    ("Tell me about small slips the same day, before I find out some other way.", "honesty", True),
    ("Let me finish explaining before deciding what I meant.", "other", False),
    ("Call your mum back within a day, so I'm not the one taking her calls.", "family", False),
)
BOUNDARIES = (
    ("My journal and my phone are mine; please ask before reading anything on them.",
     "privacy", True),
    ("After 10 pm we don't start on the big topics; we note them for the next day.",
     "topics", False),
    ("Saturday mornings are my time for a run, alone.", "personal space", True),
    ("Please don't bring up the debt in front of friends or family.", "topics", False),
    ("If an old friend gets in touch about money, we talk about it before you answer.",
     "contact with others", True),
)
REFINEMENTS = {
    "Tell me by text if you'll be more than 20 minutes later than you said.":
        "Tell me by text if you'll be more than 15 minutes later than you said.",
    "After 10 pm we don't start on the big topics; we note them for the next day.":
        "After 10:30 pm we don't start on the big topics; we note them for the next day.",
}
# Early on the two of them feel differently: Noor was hurt, Eli did the hurting.
EARLY_FEELINGS_NOOR = ("hurt", "scared", "anxious", "confused", "let down", "angry", "sad",
                       "tired", "lonely")
EARLY_FEELINGS_ELI = ("guilty", "ashamed", "scared", "anxious", "sad", "tired", "lonely")
MIDDLE_FEELINGS = ("hopeful", "tired", "calm", "anxious", "relieved", "confused", "sad")
LATE_FEELINGS = ("calm", "hopeful", "grateful", "close", "safe", "relieved", "loved", "proud")
HARD_DAY_FEELINGS = ("tired", "anxious", "sad", "confused")  # a heavy day, later on
OWNING_FEELINGS = ("guilty", "tired", "calm", "hopeful", "anxious", "relieved")  # slips, honesty
