// LatencyHistogram: quantiles within 1 % of the exact order statistic on known
// distributions, exact min/max/count, merge equal to adding everything to one.

#include "models/metrics/latencyhistogram.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>

using vigil::LatencyHistogram;

namespace {
double exactQuantile(std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    const std::size_t rank = std::max<std::size_t>(1, std::size_t(std::ceil(q * double(v.size()))));
    return v[rank - 1];
}
} // namespace

class TstLatencyHistogram : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void quantilesWithinOnePercent_data() {
        QTest::addColumn<int>("distribution");
        QTest::newRow("uniform 1 ms..10 s") << 0;
        QTest::newRow("lognormal around 800 ms") << 1;
        QTest::newRow("exponential mean 2 s") << 2;
        QTest::newRow("bimodal 50 ms and 35 s") << 3;
        QTest::newRow("sub-microsecond to hours") << 4;
    }
    void quantilesWithinOnePercent() {
        QFETCH(int, distribution);
        std::mt19937_64 rng(1234 + distribution);
        std::vector<double> values;
        for (int i = 0; i < 50000; ++i) {
            double v = 0;
            switch (distribution) {
            case 0:
                v = std::uniform_real_distribution<double>(0.001, 10.0)(rng);
                break;
            case 1:
                v = std::lognormal_distribution<double>(std::log(0.8), 1.0)(rng);
                break;
            case 2:
                v = std::exponential_distribution<double>(0.5)(rng);
                break;
            case 3:
                v = (i % 10 == 0) ? std::normal_distribution<double>(35.0, 5.0)(rng)
                                  : std::normal_distribution<double>(0.05, 0.01)(rng);
                break;
            case 4:
                v = std::pow(10.0, std::uniform_real_distribution<double>(-6.5, 4.0)(rng));
                break;
            }
            v = std::max(v, 1e-6);
            values.push_back(v);
        }
        LatencyHistogram h;
        for (double v : values)
            h.add(v);
        QCOMPARE(h.count(), std::uint64_t(values.size()));
        QCOMPARE(h.minSeconds(), *std::min_element(values.begin(), values.end()));
        QCOMPARE(h.maxSeconds(), *std::max_element(values.begin(), values.end()));
        for (double q : {0.01, 0.1, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0}) {
            const double exact = exactQuantile(values, q);
            const double got = h.quantileSeconds(q);
            QVERIFY2(
                std::abs(got - exact) <= 0.01 * exact,
                qPrintable(
                    QStringLiteral("q=%1 exact=%2 got=%3").arg(q).arg(exact, 0, 'g', 9).arg(got, 0, 'g', 9)));
        }
        // Far fewer bins than values: the point of the log-linear layout.
        QVERIFY(h.binCount() < 2500);
    }

    void bucketBoundsAreContiguous() {
        for (std::uint32_t i = 0; i + 1 < 64 * 40; ++i)
            QCOMPARE(LatencyHistogram::lowerNs(i) + LatencyHistogram::widthNs(i),
                     LatencyHistogram::lowerNs(i + 1));
        for (std::uint64_t ns :
             {0ull, 63ull, 64ull, 65ull, 127ull, 128ull, 1000ull, 999999ull, 35200000000ull}) {
            const std::uint32_t i = LatencyHistogram::indexOf(ns);
            QVERIFY(LatencyHistogram::lowerNs(i) <= ns);
            QVERIFY(ns < LatencyHistogram::lowerNs(i) + LatencyHistogram::widthNs(i));
            // Relative width is what bounds the error: at most 1/64 of the bucket's lower bound.
            if (ns >= 64) QVERIFY(LatencyHistogram::widthNs(i) * 64 <= LatencyHistogram::lowerNs(i));
        }
    }

    void mergeEqualsAddingAll() {
        std::mt19937_64 rng(7);
        std::lognormal_distribution<double> d(0.0, 1.5);
        LatencyHistogram all, a, b, c;
        for (int i = 0; i < 9000; ++i) {
            const double v = d(rng);
            all.add(v);
            (i % 3 == 0 ? a : i % 3 == 1 ? b : c).add(v);
        }
        LatencyHistogram merged;
        merged.merge(a);
        merged.merge(b);
        merged.merge(c);
        QCOMPARE(merged.count(), all.count());
        QCOMPARE(merged.binCount(), all.binCount());
        QCOMPARE(merged.minSeconds(), all.minSeconds());
        QCOMPARE(merged.maxSeconds(), all.maxSeconds());
        QVERIFY(std::abs(merged.sumSeconds() - all.sumSeconds()) < 1e-9 * all.sumSeconds());
        for (double q : {0.5, 0.95, 0.99})
            QCOMPARE(merged.quantileSeconds(q), all.quantileSeconds(q));
    }

    // Histograms with many bins close together hold them as an array of counts: the answers
    // are the same whichever form each side of a merge has, and bins below the first and
    // above the last extend the array.
    void denseAndSparseAnswerAlike() {
        std::mt19937_64 rng(77);
        std::vector<double> busy, few;
        for (int i = 0; i < 20000; ++i)
            busy.push_back(std::lognormal_distribution<double>(std::log(0.3), 0.8)(rng));
        few = {0.000004, 0.5, 3600.0}; // far apart: stays sparse
        LatencyHistogram dense, sparse, all, descending;
        for (double v : busy) {
            dense.add(v);
            all.add(v);
        }
        for (double v : few) {
            sparse.add(v);
            all.add(v);
        }
        std::vector<double> sorted = busy;
        std::sort(sorted.begin(), sorted.end(), std::greater<double>());
        for (double v : sorted)
            descending.add(v); // every new bin lies below the first
        LatencyHistogram denseThenSparse = dense, sparseThenDense = sparse;
        denseThenSparse.merge(sparse);
        sparseThenDense.merge(dense);
        QCOMPARE(sparse.binCount(), std::size_t(3));
        QCOMPARE(descending.binCount(), dense.binCount());
        for (const LatencyHistogram* h : {&denseThenSparse, &sparseThenDense}) {
            QCOMPARE(h->count(), all.count());
            QCOMPARE(h->binCount(), all.binCount());
            QCOMPARE(h->minSeconds(), all.minSeconds());
            QCOMPARE(h->maxSeconds(), all.maxSeconds());
        }
        for (double q = 0.0001; q <= 1.0; q += 0.0037) {
            QCOMPARE(denseThenSparse.quantileSeconds(q), all.quantileSeconds(q));
            QCOMPARE(sparseThenDense.quantileSeconds(q), all.quantileSeconds(q));
            QCOMPARE(descending.quantileSeconds(q), dense.quantileSeconds(q));
            QVERIFY(std::abs(dense.quantileSeconds(q) - exactQuantile(busy, q)) <=
                    0.01 * exactQuantile(busy, q));
        }
        QCOMPARE(all.maxSeconds(), 3600.0);
        QVERIFY(dense.binCount() > 300); // far past where the array form begins
        all.clear();
        QVERIFY(all.empty());
        QCOMPARE(all.binCount(), std::size_t(0));
        all.add(2.0);
        QCOMPARE(all.quantileSeconds(0.5), 2.0);
    }

    void emptyAndInvalid() {
        LatencyHistogram h;
        QVERIFY(std::isnan(h.quantileSeconds(0.5)));
        QVERIFY(std::isnan(h.minSeconds()));
        h.add(std::nan(""));
        h.add(-1.0);
        QVERIFY(h.empty());
        h.add(2.5);
        QCOMPARE(h.quantileSeconds(0.5), 2.5); // a single value is reported exactly (clamped to min/max)
        QCOMPARE(h.quantileSeconds(0.99), 2.5);
        QCOMPARE(h.meanSeconds(), 2.5);
    }
};

QTEST_GUILESS_MAIN(TstLatencyHistogram)
#include "tst_latencyhistogram.moc"
