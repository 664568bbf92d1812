"""The quick-capture grammar in plain words, for the help screen and the README."""

GRAMMAR_HELP = """\
Quick capture: type a task on one line. Recognised words fill in fields; the rest is the title.
Example: pay rent tomorrow 9am #home !high every month // ref 42

Words count only at the start of a word, so C#, a@b.com and https://x/#frag stay in the title.
A phrase (like next friday) counts only as whole words. Case does not matter.

Category    #home   #"two words"
    An existing category matches whatever its case; another name makes a new category.
    If several are given, the last one counts. A name needs a letter: fix #42 stays as it is.
Tags        +errand   @phone
    Any number; a repeat (whatever its case) is dropped.
Priority    !high !medium !low, or !h !m !l, or !1 (high) !2 !3 (low), or !none
    Todoist style: p1 (high), p2 (medium), p3 (low), p4 (none). The last one counts.
Due date    today or tod, tomorrow or tom, yesterday, tonight (today at 20:00)
    fri, friday, this fri: the next Friday, today included; with a time that has
      already passed today, the Friday after. A weekday alone is a date: sat down
      becomes Saturday (write \\sat to keep the word).
    next fri: the Friday of the following week (Monday to Sunday).
    next week: next Monday.  next month: the 1st of next month.  next year: 1 January.
    in 3 days, in 2 weeks, in 1 month, in a year
    jan 5, 5 jan, january 5th, 5th of january, jan 5 2027, 2026-12-01
      Without a year it is the next one to come, today included (jan 5 typed in
      December is next January; feb 29 waits for the next leap year).
    end of month or eom: the last day of this month.
    on fri: a leading "on" is allowed and removed.
    Not dates: a month name alone (buy may tickets), a number alone (buy 3 apples),
      and numeric forms like 12/01 (is it day or month first?): write dec 1 or 2026-12-01.
Time        5pm, 5:30pm, 5 pm, 17:30, at 9 (09:00), at 5pm, @5pm, noon, midnight (00:00)
    A time alone is today, or tomorrow if it has already passed: 9am.
    midnight is the start of the day: fri midnight is 00:00 between Thursday and Friday.
    "at" without a time after it stays in the title.
Repeats     every day or daily, every 3 days, every other day
    every weekday (Monday to Friday), every weekend, every monday, every mon, wed and fri,
      every other monday
    every week or weekly, every 2 weeks
    every month or monthly, every 15th, every 1st and 15th, every last day (or every eom)
    every year, yearly or annually, every jan 5
    every! 3 days: counts from when you complete the task instead of from its due date.
    With a time: every day 9am. Without a date the due is the first occurrence from now:
      every monday is next Monday (today if it is Monday and the time has not passed),
      every month is today, every 15th is the next 15th.
    A day the month lacks means its last day: every 31st falls on 30 Apr and 28 Feb.
      every month started on the 29th to 31st is saved as every 29th to every 31st,
      so it never drifts; started on 29 Feb, every year keeps to 29 Feb (28 Feb otherwise).
    Completing a repeating task moves it to the next occurrence, at the same local time.
      An overdue task skips the occurrences it missed: the next one is after today.
Notes       everything after " // " is the notes, not parsed: call bank // ref 42
Escapes     "next friday" or 'next friday': quoted words stay in the title, quotes removed.
    \\#hashtag, \\tomorrow: a backslash keeps one word as typed, backslash removed.
Several     If a date, a time or a repeat appears twice, the last one counts; the earlier
    one stays in the title, and a notice says so.
Time zones  Times are in your local time zone. A time skipped when clocks go forward moves
    forward by the gap: 02:30 on 28 Mar 2027 in Europe/Berlin becomes 03:30 CEST. A time
    that happens twice when clocks go back takes the first one (summer time): 02:30 on
    25 Oct 2026 in Europe/Berlin is 02:30 CEST. Either way a notice says so.
"""
