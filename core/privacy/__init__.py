"""Personal data handling shared by both processes, without Rasa.

- `logs`: no sensitive number in any log record;
- `subjects`: the keyed hash under which an opted-out user is known;
- `registry`: the suppression list and the erasure audit;
- `erasure`: the erasers of data kept outside the tracker (e.g. the WhatsApp inbox);
- `retention`: how long data is kept (periods from the environment), swept once per period.

Redaction of Rasa events lives with Rasa, in `bot.privacy.events`.
"""
