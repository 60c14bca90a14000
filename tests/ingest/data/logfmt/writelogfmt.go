// Writes the held-out logfmt files with real logfmt libraries: go-logfmt's encoder (what
// go-kit's log package writes through) and logrus's TextFormatter. Deterministic: fixed
// seed and times. Beside each file it writes what it logged (entries, levels, durations),
// counted here from the calls it made, for the test to compare Vigil's reading with.
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go run writelogfmt.go
package main

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"time"

	"github.com/go-logfmt/logfmt"
	"github.com/sirupsen/logrus"
)

type expected struct {
	Entries       int            `json:"entries"`
	Levels        map[string]int `json:"levels"` // TRACE … CRITICAL, as Vigil names them
	Durations     int            `json:"durations"`
	DurationTotal float64        `json:"durationTotalSeconds"`
	Instances     map[string]int `json:"instances"`
	FirstMs       int64          `json:"firstMs"` // entry times, epoch milliseconds
	LastMs        int64          `json:"lastMs"`
}

func (e *expected) saw(t time.Time) {
	ms := t.UnixMilli()
	if e.Entries == 0 || ms < e.FirstMs {
		e.FirstMs = ms
	}
	if e.Entries == 0 || ms > e.LastMs {
		e.LastMs = ms
	}
}

var messages = []string{
	"GET /health",
	"request served",
	`upstream said "busy", retrying`,
	"cache miss for key=user:42",
	"line one\nline two",
	"payment ok ✓",
	"",
}

func writeExpected(path string, e expected) {
	data, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		panic(err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		panic(err)
	}
}

// go-kit style: ts, level, caller, msg, then context; times RFC 3339 or epoch seconds.
func writeGoKit(rng *rand.Rand, start time.Time) {
	f, err := os.Create("gokit.log")
	if err != nil {
		panic(err)
	}
	defer f.Close()
	enc := logfmt.NewEncoder(f)
	e := expected{Levels: map[string]int{}, Instances: map[string]int{}}
	levels := []struct{ word, name string }{{"debug", "DEBUG"}, {"info", "INFO"}, {"warn", "WARNING"}, {"error", "ERROR"}}
	for i := 0; i < 400; i++ {
		t := start.Add(time.Duration(i) * 1500 * time.Millisecond)
		lv := levels[rng.Intn(len(levels))]
		instance := fmt.Sprintf("web-%d", rng.Intn(3)+1)
		var ts interface{} = t.Format(time.RFC3339Nano)
		if i%5 == 4 {
			ts = fmt.Sprintf("%d.%03d", t.Unix(), t.Nanosecond()/1e6) // epoch seconds
		}
		levelKey := "level"
		if i%7 == 3 {
			levelKey = "lvl"
		}
		kv := []interface{}{"ts", ts, levelKey, lv.word, "caller", fmt.Sprintf("server.go:%d", 100+rng.Intn(50)),
			"msg", messages[rng.Intn(len(messages))], "instance", instance}
		if rng.Intn(3) > 0 {
			d := time.Duration(rng.Intn(2000000)) * time.Microsecond
			if rng.Intn(2) == 0 {
				kv = append(kv, "took", d) // a time.Duration: "1.234567s", "850.123ms"
			} else {
				kv = append(kv, "duration_ms", d.Milliseconds())
				d = time.Duration(d.Milliseconds()) * time.Millisecond
			}
			e.Durations++
			e.DurationTotal += d.Seconds()
		}
		if rng.Intn(4) == 0 {
			kv = append(kv, "request_id", fmt.Sprintf("req_%06d", rng.Intn(1000000)), "method", "GET", "path", "/v1/items?page=2")
		}
		if rng.Intn(10) == 0 {
			kv = append(kv, "retry", nil) // written as a bare "retry=" value
		}
		if err := enc.EncodeKeyvals(kv...); err != nil {
			panic(err)
		}
		if err := enc.EndRecord(); err != nil {
			panic(err)
		}
		e.saw(t)
		e.Entries++
		e.Levels[lv.name]++
		e.Instances[instance]++
	}
	writeExpected("gokit.expected.json", e)
}

// logrus's TextFormatter without colours: time="…" level=warning msg="…" sorted fields.
func writeLogrus(rng *rand.Rand, start time.Time) {
	f, err := os.Create("logrus.log")
	if err != nil {
		panic(err)
	}
	defer f.Close()
	log := logrus.New()
	log.SetOutput(f)
	log.SetLevel(logrus.TraceLevel)
	log.SetFormatter(&logrus.TextFormatter{DisableColors: true, FullTimestamp: true, TimestampFormat: time.RFC3339Nano})
	e := expected{Levels: map[string]int{}, Instances: map[string]int{}}
	levels := []struct {
		level logrus.Level
		name  string
	}{{logrus.TraceLevel, "TRACE"}, {logrus.DebugLevel, "DEBUG"}, {logrus.InfoLevel, "INFO"},
		{logrus.WarnLevel, "WARNING"}, {logrus.ErrorLevel, "ERROR"}}
	for i := 0; i < 300; i++ {
		t := start.Add(time.Duration(i) * 2 * time.Second).In(time.FixedZone("", 2*3600))
		lv := levels[rng.Intn(len(levels))]
		service := fmt.Sprintf("billing-%d", rng.Intn(2)+1)
		fields := logrus.Fields{"service": service, "component": "payments"}
		if rng.Intn(2) == 0 {
			d := time.Duration(rng.Intn(5000)) * time.Millisecond
			fields["latency"] = d // "1.234s", "850ms"
			e.Durations++
			e.DurationTotal += d.Seconds()
		}
		if rng.Intn(5) == 0 {
			fields["error"] = fmt.Errorf("dial tcp 10.0.0.%d:5432: connection refused", rng.Intn(255))
		}
		log.WithTime(t).WithFields(fields).Log(lv.level, messages[rng.Intn(len(messages))])
		e.saw(t)
		e.Entries++
		e.Levels[lv.name]++
		e.Instances[service]++
	}
	writeExpected("logrus.expected.json", e)
}

func main() {
	rng := rand.New(rand.NewSource(20251110))
	start := time.Date(2025, 11, 10, 10, 20, 0, 0, time.UTC)
	writeGoKit(rng, start)
	writeLogrus(rng, start.Add(time.Hour))
}
