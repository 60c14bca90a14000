// Filter history (back/forward, typing folded into one step), saved views and the filter
// state they keep, as plain values.

#include "models/query/filterhistory.h"
#include "models/query/savedviews.h"

#include <QtTest>

using namespace vigil;

class TestFilterHistory : public QObject {
    Q_OBJECT

    static FilterState searching(const QString& text) {
        FilterState s;
        s.search = text;
        return s;
    }

  private Q_SLOTS:
    void backAndForward() {
        FilterHistory h;
        FilterState all, errors;
        errors.levelsShown = 0b1100000;
        h.record(all, 0, false);
        h.record(errors, 100, true);
        h.record(errors, 200, true); // unchanged: no step
        QCOMPARE(int(h.size()), 2);
        QVERIFY(h.canGoBack() && !h.canGoForward());
        QCOMPARE(h.back(), all);
        QVERIFY(!h.canGoBack() && h.canGoForward());
        QCOMPARE(h.back(), all); // cannot move: stays
        QCOMPARE(h.forward(), errors);
        // A new filter after going back drops what was ahead.
        h.back();
        h.record(searching(QStringLiteral("x")), 300, false);
        QVERIFY(!h.canGoForward());
        QCOMPARE(int(h.size()), 2);
    }

    void typingIsOneStep() {
        FilterHistory h;
        h.record({}, 0, false);
        FilterState levels;
        levels.levelsShown = 0x7B;
        h.record(levels, 100, true);
        // Typing in bursts within the pause window: one step, whatever the key order.
        FilterState typed = levels;
        qint64 at = 500;
        for (const QString& t : {QStringLiteral("t"), QStringLiteral("ti"), QStringLiteral("timed out")}) {
            typed.search = t;
            h.record(typed, at += 1500, true);
        }
        QCOMPARE(int(h.size()), 3);
        QCOMPARE(h.current().search, QStringLiteral("timed out"));
        // A pause longer than the window starts a new step; so does an explicit change.
        typed.fields = QStringLiteral("status>=500");
        h.record(typed, at += FilterHistory::kTypingMs, true);
        QCOMPARE(int(h.size()), 4);
        typed.fields = QStringLiteral("status>=400");
        h.record(typed, at += 10, false);
        QCOMPARE(int(h.size()), 5);
        // Back lands on the levels step, before any typing.
        h.back();
        h.back();
        QCOMPARE(h.back(), levels);
    }

    void boundedLength() {
        FilterHistory h;
        for (int i = 0; i < 500; ++i)
            h.record(searching(QString::number(i)), i * 10'000, false);
        QCOMPARE(h.size(), FilterHistory::kMaxSteps);
        QCOMPARE(h.current().search, QStringLiteral("499"));
    }

    void stateRoundTripsAndTraces() {
        FilterState s;
        s.search = QStringLiteral("timed out");
        s.regex = true;
        s.fields = QStringLiteral("status>=500");
        s.levelsShown = 0x30;
        s.hiddenInstances = {QStringLiteral("eco-backend"), QStringLiteral("local-llm")};
        s.range = FilterState::Custom;
        s.customFromUs = 1'700'000'000'000'000;
        s.customToUs = 1'700'000'060'000'000;
        QCOMPARE(FilterState::fromVariant(s.toVariant()), s);
        QCOMPARE(FilterState::onlyFields(QStringLiteral("id=req_abc")).tracedId(), QStringLiteral("req_abc"));
        QCOMPARE(FilterState::onlyFields(QStringLiteral("id=\"a b\"")).tracedId(), QStringLiteral("a b"));
        QCOMPARE(FilterState::onlyFields(QStringLiteral("id=req_abc status>=500")).tracedId(), QString());
        FilterState hidden = FilterState::onlyFields(QStringLiteral("id=req_abc"));
        hidden.hiddenInstances = {QStringLiteral("x")};
        QCOMPARE(hidden.tracedId(), QString());
    }

    void savedViews() {
        SavedViews views;
        FilterState slow = FilterState::onlyFields(QStringLiteral("duration>5s"));
        QVERIFY(views.save(QStringLiteral("  slow requests "), slow));
        QVERIFY(!views.save(QStringLiteral("  "), slow));
        QVERIFY(views.save(QStringLiteral("Auth"), FilterState::onlyFields(QStringLiteral("logger~auth"))));
        QCOMPARE(views.names(), (QStringList{QStringLiteral("Auth"), QStringLiteral("slow requests")}));
        const SavedViews back = SavedViews::fromVariant(views.toVariant());
        QCOMPARE(back.names(), views.names());
        QCOMPARE(*back.find(QStringLiteral("slow requests")), slow);
        QVERIFY(views.remove(QStringLiteral("Auth")));
        QVERIFY(!views.remove(QStringLiteral("Auth")));
        QCOMPARE(views.names(), QStringList{QStringLiteral("slow requests")});
    }
};

QTEST_MAIN(TestFilterHistory)
#include "tst_filterhistory.moc"
