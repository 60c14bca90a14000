#include "timestamp.h"

#include "parsedline.h"

#include <cstring>

namespace vigil {

namespace {
inline bool digit(char c) {
    return c >= '0' && c <= '9';
}

// Reads exactly n digits at p; returns -1 if any is not a digit.
inline int digits(const char* p, int n) {
    int v = 0;
    for (int i = 0; i < n; ++i) {
        if (!digit(p[i])) return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}
struct DayMemo {
    std::uint64_t key = 0;  // "YYYY-MM-" as written
    std::uint16_t tail = 0; // "DD"
    std::int64_t days = 0;
    bool valid = false;
};
} // namespace

// Howard Hinnant's days_from_civil: exact proleptic Gregorian, no table, no locale.
std::int64_t daysFromCivil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::int64_t parseIsoTimestamp(std::string_view s, std::size_t& consumed) {
    if (s.size() < 19) return kNoTime;
    const char* p = s.data();
    if (p[4] != '-' || p[7] != '-' || (p[10] != 'T' && p[10] != ' ') || p[13] != ':' || p[16] != ':')
        return kNoTime;
    // Lines come in time order, so most share the date of the line before: its day number
    // is kept per thread, keyed by the ten bytes of the date.
    thread_local DayMemo t_day;
    std::uint64_t dateKey = 0;
    std::uint16_t dateTail = 0;
    std::memcpy(&dateKey, p, 8);
    std::memcpy(&dateTail, p + 8, 2);
    std::int64_t days = 0;
    if (t_day.valid && t_day.key == dateKey && t_day.tail == dateTail) {
        days = t_day.days;
    } else {
        const int year = digits(p, 4), month = digits(p + 5, 2), day = digits(p + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) return kNoTime;
        days = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
        t_day = {dateKey, dateTail, days, true};
    }
    const int hour = digits(p + 11, 2), minute = digits(p + 14, 2), second = digits(p + 17, 2);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return kNoTime;
    std::int64_t micros = 0;
    std::size_t i = 19;
    if (i < s.size() && (s[i] == '.' || s[i] == ',') && i + 1 < s.size() && digit(s[i + 1])) {
        ++i;
        int scale = 100000;
        while (i < s.size() && digit(s[i])) {
            if (scale > 0) micros += (s[i] - '0') * scale;
            scale /= 10;
            ++i;
        }
    }
    int offsetMinutes = 0;
    if (i < s.size()) {
        if (s[i] == 'Z' || s[i] == 'z') {
            ++i;
        } else if ((s[i] == '+' || s[i] == '-') && i + 2 < s.size() && digit(s[i + 1]) && digit(s[i + 2])) {
            const int sign = s[i] == '-' ? -1 : 1;
            int oh = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
            int om = 0;
            std::size_t j = i + 3;
            if (j < s.size() && s[j] == ':') ++j;
            if (j + 1 < s.size() && digit(s[j]) && digit(s[j + 1])) {
                om = (s[j] - '0') * 10 + (s[j + 1] - '0');
                j += 2;
            } else if (j != i + 3) {
                j = i + 3; // a lone ':' is not part of the zone
            }
            offsetMinutes = sign * (oh * 60 + om);
            i = j;
        }
    }
    consumed = i;
    const std::int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60;
    return seconds * 1000000 + micros;
}

std::int64_t epochNumberToMicros(double v) {
    if (!(v > 0) || v > 1e17) return kNoTime;
    if (v > 1e14) return static_cast<std::int64_t>(v);        // already microseconds
    if (v > 1e11) return static_cast<std::int64_t>(v * 1000); // milliseconds
    return static_cast<std::int64_t>(v * 1e6);
}

std::int64_t parseTimestampValue(std::string_view s) {
    std::size_t consumed = 0;
    const std::int64_t t = parseIsoTimestamp(s, consumed);
    if (t != kNoTime) return t;
    if (s.empty() || s.size() > 20) return kNoTime;
    double v = 0, scale = 0;
    for (char c : s) {
        if (c == '.' && scale == 0) {
            scale = 1;
        } else if (digit(c)) {
            if (scale > 0) {
                scale /= 10;
                v += (c - '0') * scale;
            } else {
                v = v * 10 + (c - '0');
            }
        } else {
            return kNoTime;
        }
    }
    return epochNumberToMicros(v);
}

} // namespace vigil
