"""Appointment reminders, shared by the action server (which schedules them when a booking is
made, moved or cancelled) and the WhatsApp channel (which sends them through the outbound gate).

A reminder is a row of one table, never an in-process timer: `store` has the table, its unique
constraint and the atomic claim; `timing` has the settings from the environment, the due time
(lead time, quiet hours) and the rules a sweep applies to what is due.
"""

from core.reminders.store import NewReminder, Reminder, ReminderStore, reminder_store
from core.reminders.timing import QuietHours, ReminderSettings, due_time

__all__ = [
    "NewReminder",
    "QuietHours",
    "Reminder",
    "ReminderSettings",
    "ReminderStore",
    "due_time",
    "reminder_store",
]
