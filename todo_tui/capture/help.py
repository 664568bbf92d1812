"""The quick-capture grammar in plain words, for the help screen and the README."""

GRAMMAR_HELP = """\
Quick capture: type a task on one line. Recognised words fill in fields; the rest is the title.
Example: pay rent tomorrow 9am #home !high every month // ref 42

Words count only at the start of a word, so C#, a@b.com and https://x/#frag stay in the title.
A phrase (like next friday) counts only as whole words. Case does not matter.

Category    #home   #"two words"
    An existing category matches whatever its case; another name makes a new category.
    If several are given, the last one counts. A name needs a letter: fix #42 stays as it is.
Parent      ^trip   ^"plan the trip"   ^3fa1c2
    Saves it as a subtask of that task, in its category: the task whose id starts with
      those hex digits (four or more), else the open task with that title (whatever its
      case), else the one open task whose title starts with it. Several or none: not saved,
      and the message names them. If several are given, the last one counts; 2^10 and
      \\^trip stay as they are. In the popup opened with A, it names another parent.
Tags        +errand   @phone
    Any number; a repeat (whatever its case) is dropped.
Priority    !high !medium !low, or !h !m !l, or !1 (high) !2 !3 (low), or !none
    Todoist style: p1 (high), p2 (medium), p3 (low), p4 (none). The last one counts.
Due date    today or tod, tomorrow or tom, yesterday, tonight (today at 20:00)
    fri, friday, this fri: the next Friday, today included; with a time that has
      already passed today, the Friday after. A weekday alone is a date: sat down
      becomes Saturday (write \\sat to keep the word).
    next fri: the Friday of the following week (weeks start on the week_start setting,
      Monday unless set).
    next week: the first day of next week (week_start: next Monday unless set).
      next month: the 1st of next month.  next year: 1 January.
    in 3 days, in 2 weeks, in 1 month, in a year
    jan 5, 5 jan, january 5th, 5th of january, jan 5 2027, 2026-12-01
      Without a year it is the next one to come, today included (jan 5 typed in
      December is next January; feb 29 waits for the next leap year).
    end of month or eom: the last day of this month.
    on fri, by fri, due fri, due by fri, due:fri: a leading on, by or due is removed.
    on the 15th, by the 15th: the next 15th to come (today included).
    this weekend, the weekend, over the weekend: the Saturday of this week, that is the
      next Saturday (today included), whatever day the week starts on.
      next weekend: the Saturday of the following week (weeks start on week_start).
      tue next week: that week's Tuesday (the following week, as for next fri).
    day after tomorrow (or overmorrow).  3 days from now, a week from today, 2 weeks from
      tomorrow.  Named dates (taskwarrior): eod (today), eow (this Sunday), sow (next
      Monday), som (1st of next month), eoq / soq (end of this quarter / start of the next),
      eoy / soy (31 Dec / 1 Jan next year), end of week, end of the quarter, end of year.
    someday, due:later: no due date (later alone is an ordinary word: call back later).
    A part of the day after a date sets its time: tomorrow morning (09:00), fri afternoon
      (15:00), sat evening (19:00), tomorrow night (20:00).
    Not dates: a month name alone (buy may tickets), a number alone (buy 3 apples),
      and numeric forms like 12/01 (is it day or month first?): write dec 1 or 2026-12-01.
Time        5pm, 5:30pm, 5 pm, 7.30pm, 7:30 p.m., 17:30, at 5pm, @5pm, by 5pm, noon, midnight
    A bare hour after at or @ has no am/pm: at 1 to at 6 are the afternoon (at 3 is 15:00),
      at 7 to at 11 the morning or the evening, whichever comes next (at 9 typed at 08:00
      is 09:00, typed at 10:00 it is 21:00; with a date, the morning), at 12 is noon, at 0
      and at 13 to at 23 are the 24-hour clock; at 3:30 is 15:30. An hour written with a
      leading zero is the 24-hour clock too: at 04:09 is 04:09, at 09 is 09:00. A time
      alone is today if it is still ahead, else tomorrow: at 5 typed at 14:00 is 17:00
      today, typed at 20:00 it is tomorrow.
    this morning (09:00), this afternoon (15:00), this evening (19:00), in the morning.
    in 2 hours, in 30 minutes, in half an hour, in 90 mins, in 2h, 2 hours from now:
      counted from now (review PR in 2 hours typed at 20:00 is due 22:00).
    midnight is the start of the day: fri midnight is 00:00 between Thursday and Friday.
    "at" without a time after it stays in the title (gate at 25).
    A time that no clock shows stays in the title with a notice: at 13pm, @0am, 25:00.
Duration    3pm-4pm, 3-4pm (the end's am/pm for both), 15:00-16:30, 3pm - 4pm, 3pm to
      5pm, from 2 to 4pm: the start is the time, the rest how long it takes (10pm-1am is
      3 hours). for 45 minutes, for 1.5 hours, for an hour, for half an hour, for 2h.
      Shown as Duration in the preview and the detail pane.
Repeats     every day or daily, every 3 days, every other day
    every weekday (Monday to Friday), every weekend, every monday, every mon, wed and fri,
      every other monday
    every week or weekly, every 2 weeks
    every month or monthly, every 15th, every 1st and 15th, every last day (or every eom)
    every year, yearly or annually, every jan 5
    every 2nd day, every third week (every Nth unit is every N units), every fortnight,
      fortnightly, every quarter, quarterly, semiannually, each monday (each = every)
    every third friday, every 1st monday, every last friday of the month: that weekday
      of each month. A day may end with of the month, of every month or of each
      month: every 15th of the month.
    every morning (09:00), every evening (19:00), every night (20:00).
    Said alone, a plural repeats: weekdays, weekends, mondays (standup weekdays at 9).
    Start: starting jan 5, starting on mon, beginning tomorrow, from jan 5: the first
      occurrence on or after that day (every 14 days 7am starting 1 nov).
    End: until jan 31 (till, through), for 6 weeks, for 3 months, 10 times: the last day
      it may fall on. Without a repeat, until fri is the due date (like by fri),
      starting fri keeps the word starting in the title, and for 6 weeks stays in it.
    Not kept, with a notice: twice a week, twice daily, 3 times a week, every few days,
      biweekly, hourly, every 2 hours. Say which days instead: every mon and thu.
    every! 3 days: counts from when you complete the task instead of from its due date.
    With a time: every day 9am. Without a date the due is the first occurrence from now:
      every monday is next Monday (today if it is Monday and the time has not passed),
      every month is today, every 15th is the next 15th.
    A day the month lacks means its last day: every 31st falls on 30 Apr and 28 Feb.
      every month started on the 29th to 31st is saved as every 29th to every 31st,
      so it never drifts; started on 29 Feb, every year keeps to 29 Feb (28 Feb otherwise).
    Completing a repeating task moves it to the next occurrence, at the same local time.
      An overdue task skips the occurrences it missed: the next one is after today.
Reminders   remind 10m before (also 90 min, 1h, 1h30m, 2 hours, 1d, 1 week), remind at due
      (or remind when due), remind at 14:30 (today, or tomorrow once it has passed),
      remind tomorrow 9am (a date alone is at 09:00). Several: remind 5m before remind at due.
    remind counts only when a reminder phrase follows it: remind me to call stays the title.
    Before or at the due on a task with no due time: kept, with a notice (it cannot go off).
Notes       everything after " // " is the notes, not parsed: call bank // ref 42
Escapes     "next friday" or 'next friday': quoted words stay in the title, quotes removed.
    \\#hashtag, \\tomorrow: a backslash keeps one word as typed, backslash removed.
Several     If a date, a time or a repeat appears twice, the last one counts; the earlier
    one stays in the title, and a notice says so.
Not read    Words left in the title that look like a date or a time are named in the
    preview (Not read) and by todo-tui add --dry-run: 12/01, 10:75, 13pm, tomorrow.
      (punctuation keeps a word as typed), every 3.
Time zones  Times are in your local time zone. A time skipped when clocks go forward moves
    forward by the gap: 02:30 on 28 Mar 2027 in Europe/Berlin becomes 03:30 CEST. A time
    that happens twice when clocks go back takes the first one (summer time): 02:30 on
    25 Oct 2026 in Europe/Berlin is 02:30 CEST. Either way a notice says so.
"""
