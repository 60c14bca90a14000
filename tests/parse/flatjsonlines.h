#pragma once
// Lines for the JSON fast path's differential test: hand-written ones on the edges of what
// it takes, and the pieces its mutations splice into real lines. Kept out of the test's
// source, since moc cannot read past a raw string holding \".

#include <QByteArray>
#include <QList>

#include <random>

namespace vigil::flatjsontest {

// `text` with its '@' made a NUL byte.
inline QByteArray withNul(QByteArray text) {
    text.replace('@', '\0');
    return text;
}

// Hand-written lines on the edges of what the fast path takes.
inline QList<QByteArray> edgeLines() {
    return {
        R"({})",
        R"( {"level":"error"} )",
        "{\"level\":\"error\"}\r",
        "{\"level\":\"error\"}\t\n",
        R"({"level":"error"} x)",
        R"({"level":"error"}})",
        R"({"level":"error",})",
        R"({"level" "error"})",
        R"({"level":"error")",
        R"({"level":"err)",
        R"({"level":)",
        R"({"level")",
        R"({")",
        R"({)",
        R"([{"level":"error"}])",
        R"("level")",
        R"({"message":"a \"quoted\" word","level":"info"})",
        R"({"message":"back\\slash \/ \b\f\n\r\t","level":"info"})",
        R"({"message":"caf\u00e9 \u20ac \ud83d\ude00","level":"info"})",
        R"({"message":"\u0000 nul","level":"info"})",
        R"({"message":"lone \ud800 high","level":"info"})",
        R"({"message":"lone \udc00 low","level":"info"})",
        R"({"message":"pair reversed \ude00\ud83d","level":"info"})",
        R"({"message":"bad \x escape","level":"info"})",
        R"({"message":"bad \u12G4 hex","level":"info"})",
        R"({"message":"short \u12","level":"info"})",
        R"({"le\u0076el":"error","mess\"age":"k"})",
        R"({"level":"WARN","level":"error"})",
        R"({"message":"first","message":"second","msg":"third"})",
        R"({"level":30,"time":1728561600123})",
        R"({"level":30.5,"time":1728561600.123456})",
        R"({"level":true,"severity":"error"})",
        R"({"level":null,"levelname":"error"})",
        R"({"level":{"name":"error"},"severity":"warning"})",
        R"({"level":["error"]})",
        R"({"status":404,"duration":1e3})",
        R"({"status":404,"duration":1E-3})",
        R"({"status":4.04e2,"duration":2.5})",
        R"({"status":-0,"duration":-0.0})",
        R"({"status":"404","duration_ms":"12.5"})",
        R"({"status":0404,"duration":1})",
        R"({"status":404,"duration":1.})",
        R"({"status":404,"duration":.5})",
        R"({"status":404,"duration":-})",
        R"({"status":404,"duration":+1})",
        R"({"status":404,"duration":12345678901234567890})",
        R"({"status":404,"duration":9007199254740993})",
        R"({"status":404,"duration":9007199254740992})",
        R"({"status":404,"duration":0.1234567890123456789012})",
        R"({"status":404,"duration":0.12345678901234567890123})",
        R"({"status":404,"duration":123456.789012345})",
        R"({"status":404,"duration_seconds":0.30000000000000004})",
        R"({"tools_enabled":true,"data":{"tools_enabled":false}})",
        R"({"tools_enabled":"true"})",
        R"({"tools_enabled":tru})",
        R"({"tools_enabled":truex})",
        R"({"tools_enabled":nul})",
        R"({"data":{"extra":{"fields":{"data":{"request_id":"deep"}}}},"level":"info"})",
        R"({"data":{"extra":{"fields":{"request_id":"three"}}},"level":"info"})",
        R"({"data":[{"request_id":"in array"}],"extra":"not an object","fields":7})",
        R"({"span":{"task_id":"t-1","request_id":"r-1","x":{"task_id":"nested"}},"task_id":"top"})",
        R"({"span":"not an object","spans":[{"task_id":"t"}],"target":"x","fields":{"message":"m"}})",
        R"({"span":{},"spans":[],"fields":{},"data":[],"extra":null})",
        R"({"a":[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]],"level":"info"})",
        R"({"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{"j":{"k":{"l":{"m":{"n":{"o":{"p":{"q":1}}}}}}}}}}}}}}}}},"level":"info"})",
        R"({"a" : "b" , "level" :	"info"	})",
        "{\n\"level\":\n\"info\"\n}",
        R"({"url":"https://h/v1/chat?q=1","method":"POST","path":"/x","status_code":503,"X-Request-ID":"r-9"})",
        R"({"url":"","method":"","path":"","endpoint":"","type":""})",
        R"({"instance":"","service":"svc","app":"app","name":"n","logger":"","target":"t","module":"m"})",
        R"({"timestamp":"2025-11-10T10:20:00.000377Z","ts":"2024-01-01T00:00:00Z","@timestamp":5})",
        R"({"timestamp":"not a time","level":"nonsense","message":""})",
        "{\"message\":\"tab\tinside\",\"level\":\"info\"}",
        "{\"message\":\"nl\ninside\",\"level\":\"info\"}",
        withNul(R"({"message":"nul@inside","level":"info"})"),
        withNul(R"({"level":"info"}@)"),
        withNul(R"({"level":"info",@"a":1})"),
        withNul(R"({"level":"info"@})"),
        "{\"message\":\"caf\xc3\xa9 \xf0\x9f\x98\x80 \xe2\x82\xac\",\"level\":\"info\"}",
        "{\"message\":\"bad \xc3\x28 utf8\",\"level\":\"info\"}",
        "{\"message\":\"overlong \xc0\x80\",\"level\":\"info\"}",
        "{\"message\":\"surrogate \xed\xa0\x80\",\"level\":\"info\"}",
        "{\"message\":\"too big \xf4\x90\x80\x80\",\"level\":\"info\"}",
        "{\"message\":\"cut \xe2\x82\",\"level\":\"info\"}",
        "{\"message\":\"stray \x80\",\"level\":\"info\"}",
        "{\"message\":\"ff \xff\",\"level\":\"info\"}",
        "{\"level\":\"info\"}\xc3",
        "{\"l\xc3\xa9vel\":\"info\",\"level\":\"debug\"}",
    };
}

// Pieces spliced into lines: escapes, numbers, values, whitespace and bytes of every kind.
inline const QList<QByteArray>& splices() {
    static const QList<QByteArray> pieces = {
        "\\\"",
        "\\\\",
        "\\/",
        "\\n",
        "\\t",
        "\\u00e9",
        "\\ud83d\\ude00",
        "\\ud800",
        "\\udc00",
        "\\u0000",
        "\\x",
        "\\u12",
        "\"",
        "\\",
        " ",
        "\t",
        "\n",
        "\r",
        QByteArray(1, '\0'),
        "\xc3\xa9",
        "\xf0\x9f\x98\x80",
        "\xc3",
        "\x80",
        "\xff",
        "\xed\xa0\x80",
        "\xc0\x80",
        "1e3",
        "-0",
        "1.0",
        "0.1",
        "01",
        "1.",
        "-",
        "12345678901234567890",
        "9007199254740993",
        "true",
        "false",
        "null",
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "{\"a\":1}",
        "[1,2]",
        "\"level\":\"error\",",
        "\"level\":40,",
        "\"data\":{\"request_id\":\"d\"},",
        "\"status\":\"500\",",
        "\"duration\":1e2,",
        "\"span\":{\"task_id\":\"s\"},",
        "\"level\":\"\\u0065rror\",",
    };
    return pieces;
}

// Variants of `line`: cut short, a piece spliced in or replacing a byte, a byte changed.
inline QList<QByteArray> mutations(const QByteArray& line, std::mt19937& random, int count) {
    QList<QByteArray> out;
    if (line.isEmpty()) return out;
    auto at = [&](qsizetype size) { return qsizetype(random() % std::uint32_t(size + 1)); };
    for (int i = 0; i < count; ++i) {
        QByteArray m = line;
        switch (random() % 5) {
        case 0:
            m.truncate(at(m.size()));
            break;
        case 1:
            m.insert(at(m.size()), splices()[int(random() % std::uint32_t(splices().size()))]);
            break;
        case 2: {
            const qsizetype pos = at(m.size() - 1);
            m.replace(pos, 1 + qsizetype(random() % 4),
                      splices()[int(random() % std::uint32_t(splices().size()))]);
            break;
        }
        case 3:
            m[at(m.size() - 1)] = char(random() % 256);
            break;
        default: {
            // After a colon: the value replaced by a piece.
            const qsizetype colon = m.indexOf(':', at(m.size() - 1));
            if (colon < 0) continue;
            qsizetype stop = colon + 1;
            while (stop < m.size() && m[stop] != ',' && m[stop] != '}')
                ++stop;
            m.replace(colon + 1, stop - colon - 1,
                      splices()[int(random() % std::uint32_t(splices().size()))]);
            break;
        }
        }
        out << m;
    }
    return out;
}

// A tracing line with an escape, nesting, an array and a number with an exponent.
inline QByteArray nestedLine() {
    return R"({"timestamp":"2025-11-10T10:20:00.009720Z","level":"WARN","fields":{"message":"Task \"done\"",)"
           R"("duration_ms":1165},"target":"octollm_executor::executor","span":{"task_id":"task-89775",)"
           R"("name":"process_task"},"spans":[{"task_id":"task-51320","name":"process_task"}],"n":-12.5e1})";
}

} // namespace vigil::flatjsontest
