// Numbers written as text are read the same in every locale (models/parse/decimal.h). A Qt
// application takes LC_NUMERIC from the environment, and under de_DE.UTF-8 strtod stopped at
// the dot of "1250.5": a string duration was lost and a field filter compared with 1250.
#include "models/parse/decimal.h"
#include "models/parse/jsonlinereader.h"
#include "models/query/queryengine.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <clocale>
#include <cmath>
#include <cstdlib>

using namespace vigil;

namespace {
// A line the corpus writes, with its duration as a string.
constexpr std::string_view kLine =
    R"({"ts": "2024-10-10T12:00:00.250Z", "level": "info", "service": "gateway", "message": "llm call done", "duration_ms": "1250.5"})";

float durationOf(std::string_view line) {
    JsonLineReader reader;
    ParsedLine parsed;
    if (!reader.read(line, line.size(), parsed)) return -1;
    return parsed.durationSeconds;
}

FieldCondition greaterThan(const char* key, double number) {
    FieldCondition c;
    c.key = key;
    c.op = FieldCondition::Op::Gt;
    c.numeric = true;
    c.number = number;
    return c;
}
} // namespace

class TestDecimal : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void readsWholeNumbers_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<double>("value");
        QTest::newRow("decimal") << "1250.5" << true << 1250.5;
        QTest::newRow("negative") << "-0.25" << true << -0.25;
        QTest::newRow("plus") << "+3" << true << 3.0;
        QTest::newRow("leading space") << "  7.5" << true << 7.5;
        QTest::newRow("exponent") << "1.5e3" << true << 1500.0;
        QTest::newRow("integer") << "200" << true << 200.0;
        QTest::newRow("empty") << "" << false << 0.0;
        QTest::newRow("unit") << "12.5ms" << false << 0.0;
        QTest::newRow("comma") << "1,5" << false << 0.0;
        QTest::newRow("trailing space") << "12.5 " << false << 0.0;
        QTest::newRow("word") << "fast" << false << 0.0;
        QTest::newRow("sign alone") << "+" << false << 0.0;
        QTest::newRow("two signs") << "+-1" << false << 0.0;
    }
    void readsWholeNumbers() {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(double, value);
        const QByteArray bytes = text.toUtf8();
        double out = -99;
        QCOMPARE(parseDecimal(std::string_view(bytes.constData(), std::size_t(bytes.size())), out), ok);
        QCOMPARE(out, ok ? value : -99.0);
        double infinite = 0;
        QVERIFY(parseDecimal("inf", infinite) && std::isinf(infinite));
    }

    void commaLocaleReadsTheSame() {
        // A locale with a decimal comma, built for this test where the system has the data.
        const QString localedef = QStandardPaths::findExecutable(QStringLiteral("localedef"));
        if (localedef.isEmpty()) QSKIP("localedef is not installed");
        QTemporaryDir dir;
        QProcess build;
        build.start(localedef, {QStringLiteral("-i"), QStringLiteral("de_DE"), QStringLiteral("-f"),
                                QStringLiteral("UTF-8"), dir.filePath(QStringLiteral("de_DE.UTF-8"))});
        if (!build.waitForFinished(60000) || build.exitCode() != 0)
            QSKIP("this system has no data for the de_DE locale");
        qputenv("LOCPATH", dir.path().toLocal8Bit());
        QVERIFY(std::setlocale(LC_ALL, "de_DE.UTF-8"));
        // The locale is in force: strtod reads a comma and stops at the dot.
        QCOMPARE(std::strtod("1,5", nullptr), 1.5);
        QCOMPARE(durationOf(kLine), 1.2505f);
        QVERIFY(fieldValueMatches(greaterThan("duration", 1250), "1250.5"));
        QVERIFY(!fieldValueMatches(greaterThan("duration", 1250.6), "1250.5"));
        std::setlocale(LC_ALL, "C");
        qunsetenv("LOCPATH");
        QCOMPARE(durationOf(kLine), 1.2505f);
    }
};

QTEST_GUILESS_MAIN(TestDecimal)
#include "tst_decimal.moc"
