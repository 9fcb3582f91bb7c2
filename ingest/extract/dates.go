package extract

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"kg/graph"
)

// dateMention is a date expression found in a sentence: words [s, e) and
// the date they resolve to. rel is set for "a day before", "two days after"
// …: Date is then empty and offset days must be added to an anchor event.
type dateMention struct {
	s, e   int
	date   graph.Date
	rel    bool
	offset int
}

var months = map[string]time.Month{
	"january": 1, "jan": 1, "jan.": 1, "february": 2, "feb": 2, "feb.": 2, "march": 3, "mar.": 3,
	"april": 4, "apr": 4, "apr.": 4, "may": 5, "june": 6, "jun.": 6, "july": 7, "jul.": 7,
	"august": 8, "aug": 8, "aug.": 8, "september": 9, "sept": 9, "sept.": 9, "sep.": 9,
	"october": 10, "oct": 10, "oct.": 10, "november": 11, "nov": 11, "nov.": 11, "december": 12,
	"dec": 12, "dec.": 12,
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

var numberWords = map[string]int{"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10}

// monthPreps may stand before a bare month name: "in June", "for March".
var monthPreps = wordSet(`in since until by for from during before after early late mid of till`)

// findDates returns the date expressions of st, resolved against the
// article date pub (zero when unknown), left to right and not overlapping.
func findDates(st *sent, pub time.Time) []dateMention {
	var out []dateMention
	n := len(st.w)
	// futureAt reports whether the clause around word i speaks of the future
	futureAt := func(i int) bool {
		for k := i - 12; k <= i+3; k++ {
			if k < 0 || k >= n || k == i {
				continue
			}
			switch st.w[k].lower {
			case "will", "'ll", "would", "shall", "due", "upcoming", "scheduled", "planned", "expected", "next", "plans":
				return true
			case "to":
				if k+1 < n && st.w[k+1].Tag == "VB" && k < i {
					return true
				}
			}
		}
		return false
	}
	year := func(i int) (int, bool) {
		if i < 0 || i >= n {
			return 0, false
		}
		t := strings.TrimSuffix(st.w[i].Text, ",")
		if len(t) != 4 {
			return 0, false
		}
		y, err := strconv.Atoi(t)
		if err != nil || y < 1800 || y > 2100 {
			return 0, false
		}
		return y, true
	}
	day := func(i int) (int, bool) {
		if i < 0 || i >= n {
			return 0, false
		}
		t := strings.TrimRight(st.w[i].lower, "stndrh.,")
		if len(t) == 0 || len(t) > 2 {
			return 0, false
		}
		d, err := strconv.Atoi(t)
		if err != nil || d < 1 || d > 31 {
			return 0, false
		}
		return d, true
	}
	for i := 0; i < n; i++ {
		lw := st.w[i].lower
		future := futureAt(i)
		// ISO 8601 date
		if t, err := time.Parse("2006-01-02", st.w[i].Text); err == nil {
			out = append(out, dateMention{s: i, e: i + 1, date: graph.DayDate(t)})
			continue
		}
		m, ok := months[lw]
		if !ok && strings.HasSuffix(lw, ".") && st.w[i].cap {
			m, ok = months[strings.TrimSuffix(lw, ".")] // "May." at the end of a sentence
		}
		if ok && (st.w[i].cap || strings.HasSuffix(lw, ".")) {
			if (lw == "may" || lw == "may.") && !(isDayAt(st, i+1) || isDayAt(st, i-1)) {
				if _, ok := year(i + 1); !ok {
					continue // the verb
				}
			}
			// Month D[, YYYY]
			if d, ok := day(i + 1); ok {
				k := i + 2
				if k < n && st.w[k].lower == "," {
					k++
				}
				if y, ok := year(k); ok {
					out = append(out, dateMention{s: i, e: k + 1, date: dayDate(y, m, d)})
					i = k
					continue
				}
				out = append(out, dateMention{s: i, e: i + 2, date: monthDay(pub, m, d, future)})
				i++
				continue
			}
			// D Month [YYYY]
			if d, ok := day(i - 1); ok && (len(out) == 0 || out[len(out)-1].e <= i-1) {
				if y, ok := year(i + 1); ok {
					out = append(out, dateMention{s: i - 1, e: i + 2, date: dayDate(y, m, d)})
					i++
					continue
				}
				out = append(out, dateMention{s: i - 1, e: i + 1, date: monthDay(pub, m, d, future)})
				continue
			}
			// Month YYYY
			k := i + 1
			if k < n && st.w[k].lower == "," {
				k++
			}
			if y, ok := year(k); ok {
				out = append(out, dateMention{s: i, e: k + 1, date: graph.Date{Value: fmt.Sprintf("%04d-%02d", y, m), Granularity: graph.Month}})
				i = k
				continue
			}
			// "next November", "last March"
			if p := st.lower(i - 1); (p == "next" || p == "last" || p == "this") && !pub.IsZero() {
				y := pub.Year()
				switch {
				case p == "next" && m <= pub.Month():
					y++
				case p == "last" && m >= pub.Month():
					y--
				}
				out = append(out, dateMention{s: i - 1, e: i + 1, date: graph.Date{Value: fmt.Sprintf("%04d-%02d", y, m), Granularity: graph.Month}})
				continue
			}
			// "in March": the nearest such month around the article date
			if i > 0 && monthPreps[st.w[i-1].lower] && !pub.IsZero() {
				y := pub.Year()
				if int(m) > int(pub.Month())+2 && !future {
					y--
				}
				if p := st.w[i-1].lower; future && m < pub.Month() && p != "in" && p != "since" && p != "of" {
					y++ // "scheduled for February" said in November
				}
				out = append(out, dateMention{s: i, e: i + 1, date: graph.Date{Value: fmt.Sprintf("%04d-%02d", y, m), Granularity: graph.Month}})
			}
			continue
		}
		if y, ok := year(i); ok {
			prev := st.lower(i - 1)
			next := st.lower(i + 1)
			if prev == "$" || prev == "us$" || next == "%" || next == "percent" || strings.HasPrefix(next, "million") || strings.HasPrefix(next, "billion") {
				continue
			}
			s := i
			if prev == "mid" || prev == "early" || prev == "late" {
				s = i - 1
			}
			out = append(out, dateMention{s: s, e: i + 1, date: graph.Date{Value: strconv.Itoa(y), Granularity: graph.Year}})
			continue
		}
		if wd, ok := weekdays[lw]; ok && st.w[i].cap {
			if pub.IsZero() {
				continue
			}
			s := i
			fut := future
			switch st.lower(i - 1) {
			case "last", "past":
				s, fut = i-1, false
			case "next", "coming", "this":
				s, fut = i-1, true
			case "on":
				s = i - 1
			}
			out = append(out, dateMention{s: s, e: i + 1, date: graph.DayDate(weekdayNear(pub, wd, fut))})
			continue
		}
		switch lw {
		case "today", "tonight":
			if !pub.IsZero() {
				out = append(out, dateMention{s: i, e: i + 1, date: graph.DayDate(pub)})
			}
			continue
		case "yesterday":
			if !pub.IsZero() {
				out = append(out, dateMention{s: i, e: i + 1, date: graph.DayDate(pub.AddDate(0, 0, -1))})
			}
			continue
		case "tomorrow":
			if !pub.IsZero() {
				out = append(out, dateMention{s: i, e: i + 1, date: graph.DayDate(pub.AddDate(0, 0, 1))})
			}
			continue
		case "this", "last", "next", "past":
			unit := st.lower(i + 1)
			// "next week", "last week" name no day and no sure month:
			// they give no date
			if pub.IsZero() || (unit != "year" && unit != "month") {
				continue
			}
			delta := map[string]int{"this": 0, "last": -1, "past": -1, "next": 1}[lw]
			if lw == "past" && st.lower(i-1) == "the" {
				continue // "the past year": a span
			}
			if unit == "year" {
				out = append(out, dateMention{s: i, e: i + 2, date: graph.Date{Value: strconv.Itoa(pub.Year() + delta), Granularity: graph.Year}})
			} else {
				t := time.Date(pub.Year(), pub.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, delta, 0)
				out = append(out, dateMention{s: i, e: i + 2, date: graph.Date{Value: t.Format("2006-01"), Granularity: graph.Month}})
			}
			i++
			continue
		}
		// "a day before", "two days after", "the day before"
		if k, ok := numberWords[lw]; ok || lw == "the" {
			if lw == "the" {
				k = 1
			}
			unit := st.lower(i + 1)
			dir := st.lower(i + 2)
			if (unit == "day" || unit == "days") && (dir == "before" || dir == "after" || dir == "later" || dir == "earlier") {
				if dir == "before" || dir == "earlier" {
					k = -k
				}
				out = append(out, dateMention{s: i, e: i + 3, rel: true, offset: k})
				i += 2
			}
		}
	}
	return out
}

func isDayAt(st *sent, i int) bool {
	if i < 0 || i >= len(st.w) {
		return false
	}
	d, err := strconv.Atoi(strings.TrimRight(st.w[i].lower, "stndrh.,"))
	return err == nil && d >= 1 && d <= 31
}

func dayDate(y int, m time.Month, d int) graph.Date {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Month() != m {
		return graph.Date{Value: fmt.Sprintf("%04d-%02d", y, m), Granularity: graph.Month}
	}
	return graph.DayDate(t)
}

// monthDay resolves a day and month without a year: the year that puts it
// nearest the article date (ahead of it for a clause about the future), or
// "--MM-DD" when the article date is unknown.
func monthDay(pub time.Time, m time.Month, d int, future bool) graph.Date {
	if pub.IsZero() {
		return graph.Date{Value: fmt.Sprintf("--%02d-%02d", m, d), Granularity: graph.MonthDay}
	}
	best := time.Time{}
	bestDist := time.Duration(1 << 62)
	for _, y := range []int{pub.Year() - 1, pub.Year(), pub.Year() + 1} {
		t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		if t.Month() != m {
			continue
		}
		dist := t.Sub(pub)
		if dist < 0 {
			dist = -dist
			if future {
				dist += 24 * time.Hour * 60 // prefer a later date for the future
			}
		}
		if dist < bestDist {
			best, bestDist = t, dist
		}
	}
	if best.IsZero() {
		return graph.Date{Value: fmt.Sprintf("--%02d-%02d", m, d), Granularity: graph.MonthDay}
	}
	return graph.DayDate(best)
}

// weekdayNear is the day named wd nearest pub: on or before it for the past,
// on or after it for the future.
func weekdayNear(pub time.Time, wd time.Weekday, future bool) time.Time {
	pub = time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, time.UTC)
	diff := int(wd) - int(pub.Weekday())
	if future {
		if diff < 0 {
			diff += 7
		}
	} else if diff > 0 {
		diff -= 7
	}
	return pub.AddDate(0, 0, diff)
}

// shiftDate adds days to a Day date; other granularities are returned
// unchanged when days is 0 and dropped otherwise.
func shiftDate(d graph.Date, days int) graph.Date {
	if d.Granularity != graph.Day {
		if days == 0 {
			return d
		}
		return graph.Date{}
	}
	t, err := time.Parse("2006-01-02", d.Value)
	if err != nil {
		return graph.Date{}
	}
	return graph.DayDate(t.AddDate(0, 0, days))
}
