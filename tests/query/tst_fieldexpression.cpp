// The field filter syntax: valid conditions parse into the right keys, operators and
// values; malformed input gives a short reason.

#include "models/query/fieldexpression.h"

#include <QtTest>

using namespace vigil;

class TestFieldExpression : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void parsesConditions() {
        const FieldExpression e = parseFieldExpression(QStringLiteral(
            "request_id=req_abc  status>=500 duration>5s data.tools_enabled=true logger~auth"));
        QVERIFY2(e.ok(), qPrintable(e.error));
        QCOMPARE(int(e.conditions.size()), 5);
        QCOMPARE(e.conditions[0].key, std::string("request_id"));
        QCOMPARE(e.conditions[0].op, FieldCondition::Op::Eq);
        QCOMPARE(e.conditions[0].text, std::string("req_abc"));
        QCOMPARE(e.conditions[1].op, FieldCondition::Op::Ge);
        QVERIFY(e.conditions[1].numeric);
        QCOMPARE(e.conditions[1].number, 500.0);
        QCOMPARE(e.conditions[2].op, FieldCondition::Op::Gt);
        QCOMPARE(e.conditions[2].number, 5.0);
        QCOMPARE(e.conditions[3].key, std::string("data.tools_enabled"));
        QCOMPARE(e.conditions[3].text, std::string("true"));
        QCOMPARE(e.conditions[4].op, FieldCondition::Op::Contains);
    }
    void durationUnits_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<double>("seconds");
        QTest::newRow("s") << "5s" << 5.0;
        QTest::newRow("ms") << "850ms" << 0.85;
        QTest::newRow("m") << "2m" << 120.0;
        QTest::newRow("h") << "1.5h" << 5400.0;
        QTest::newRow("bare") << "3" << 3.0;
    }
    void durationUnits() {
        QFETCH(QString, text);
        QFETCH(double, seconds);
        const auto parsed = parseDurationSeconds(text);
        QVERIFY(parsed.has_value());
        QVERIFY(qAbs(*parsed - seconds) < 1e-9);
    }
    void quotedValues() {
        const FieldExpression e =
            parseFieldExpression(QStringLiteral("message=\"Task completed\" level>=warning"));
        QVERIFY2(e.ok(), qPrintable(e.error));
        QCOMPARE(e.conditions[0].text, std::string("Task completed"));
        QCOMPARE(e.conditions[1].number, double(int(Level::Warning)));
    }
    void malformed_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason");
        QTest::newRow("not a number") << "status>=abc"
                                      << "not a number";
        QTest::newRow("not a duration") << "duration>fast"
                                        << "not a duration";
        QTest::newRow("no operator") << "status"
                                     << "expected";
        QTest::newRow("no key") << "=5"
                                << "missing field name";
        QTest::newRow("no value") << "status>="
                                  << "";
        QTest::newRow("unclosed quote") << "message=\"abc"
                                        << "unclosed quote";
        QTest::newRow("bad level") << "level=loud"
                                   << "not a level";
    }
    void malformed() {
        QFETCH(QString, text);
        QFETCH(QString, reason);
        const FieldExpression e = parseFieldExpression(text);
        QVERIFY(!e.ok());
        QVERIFY2(e.error.contains(reason), qPrintable(e.error));
    }
    void emptyIsValid() { QVERIFY(parseFieldExpression(QStringLiteral("   ")).ok()); }
};

QTEST_GUILESS_MAIN(TestFieldExpression)
#include "tst_fieldexpression.moc"
