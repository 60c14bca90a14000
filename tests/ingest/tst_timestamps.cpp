// Timestamp spellings to UTC epoch microseconds, against Qt's own date arithmetic.
#include "models/parse/parsedline.h"
#include "models/parse/timestamp.h"
#include "models/store/level.h"

#include <QtTest>

using namespace vigil;

class TestTimestamps : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void iso_data();
    void iso();
    void invalid_data();
    void invalid();
    void epochNumbers();
    void levels_data();
    void levels();
};

void TestTimestamps::iso_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("utcIso"); // what Qt says the instant is, in UTC
    QTest::addColumn<int>("extraMicros");
    QTest::newRow("space naive") << "2025-10-10 12:00:00"
                                 << "2025-10-10T12:00:00.000" << 0;
    QTest::newRow("comma millis") << "2025-10-10 12:00:00,123"
                                  << "2025-10-10T12:00:00.123" << 0;
    QTest::newRow("micros Z") << "2025-11-10T10:30:45.123456Z"
                              << "2025-11-10T10:30:45.123" << 456;
    QTest::newRow("naive micros") << "2025-06-26T10:30:02.456789"
                                  << "2025-06-26T10:30:02.456" << 789;
    QTest::newRow("offset colon") << "2025-11-10T12:30:45+02:00"
                                  << "2025-11-10T10:30:45.000" << 0;
    QTest::newRow("offset compact negative") << "2025-11-10T05:30:45-0500"
                                             << "2025-11-10T10:30:45.000" << 0;
    QTest::newRow("nanoseconds truncated") << "2025-11-10T10:30:45.123456789Z"
                                           << "2025-11-10T10:30:45.123" << 456;
    QTest::newRow("leap day") << "2024-02-29 23:59:59"
                              << "2024-02-29T23:59:59.000" << 0;
    QTest::newRow("before 1970") << "1969-12-31 23:59:59"
                                 << "1969-12-31T23:59:59.000" << 0;
}

void TestTimestamps::iso() {
    QFETCH(QString, text);
    QFETCH(QString, utcIso);
    QFETCH(int, extraMicros);
    QDateTime expected = QDateTime::fromString(utcIso, Qt::ISODateWithMs);
    expected.setTimeSpec(Qt::UTC);
    std::size_t consumed = 0;
    const std::string s = text.toStdString();
    QCOMPARE(parseIsoTimestamp(s, consumed), expected.toMSecsSinceEpoch() * 1000 + extraMicros);
    QCOMPARE(consumed, s.size());
    QCOMPARE(parseTimestampValue(s), expected.toMSecsSinceEpoch() * 1000 + extraMicros);
}

void TestTimestamps::invalid_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << "";
    QTest::newRow("month 13") << "2025-13-10 12:00:00";
    QTest::newRow("letters") << "2025-1a-10 12:00:00";
    QTest::newRow("short") << "2025-10-10 12:00";
    QTest::newRow("words") << "Traceback (most recent call last):";
}

void TestTimestamps::invalid() {
    QFETCH(QString, text);
    std::size_t consumed = 0;
    QCOMPARE(parseIsoTimestamp(text.toStdString(), consumed), kNoTime);
}

void TestTimestamps::epochNumbers() {
    QCOMPARE(epochNumberToMicros(1762770000.5), std::int64_t(1762770000500000));
    QCOMPARE(epochNumberToMicros(1762770000500.0), std::int64_t(1762770000500000));
    QCOMPARE(parseTimestampValue("1762770000"), std::int64_t(1762770000000000));
    QCOMPARE(epochNumberToMicros(-5), kNoTime);
}

void TestTimestamps::levels_data() {
    QTest::addColumn<QString>("word");
    QTest::addColumn<int>("level");
    QTest::newRow("warn") << "warn" << int(Level::Warning);
    QTest::newRow("Warning") << "Warning" << int(Level::Warning);
    QTest::newRow("fatal") << "fatal" << int(Level::Critical);
    QTest::newRow("CRITICAL") << "CRITICAL" << int(Level::Critical);
    QTest::newRow("trace") << "TRACE" << int(Level::Trace);
    QTest::newRow("debug") << "debug" << int(Level::Debug);
    QTest::newRow("err") << "ERR" << int(Level::Error);
    QTest::newRow("info") << "iNfO" << int(Level::Info);
    QTest::newRow("not a level") << "INFORMATIONAL" << int(Level::None);
    QTest::newRow("empty") << "" << int(Level::None);
}

void TestTimestamps::levels() {
    QFETCH(QString, word);
    QFETCH(int, level);
    QCOMPARE(int(parseLevel(word.toStdString())), level);
}

QTEST_APPLESS_MAIN(TestTimestamps)
#include "tst_timestamps.moc"
