#include "chartstyle.h"

#include <QAbstractAxis>
#include <QChart>
#include <QChartView>
#include <QLegend>

namespace vigil {

namespace {
// Tableau-like qualitative palette: distinguishable, and each has a lighter variant that
// stays legible on a dark background.
constexpr QRgb kInstanceLight[] = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
                                   0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf};
constexpr QRgb kInstanceDark[] = {0x5fa8e8, 0xffa64d, 0x5cd65c, 0xff6b6b, 0xb99ae0,
                                  0xc49a8a, 0xf5a3dc, 0xbfbfbf, 0xe0e052, 0x4fe0f0};
} // namespace

QColor instanceColor(InstanceId instance, bool dark) {
    const std::size_t i = instance.value % (sizeof(kInstanceLight) / sizeof(kInstanceLight[0]));
    return QColor::fromRgb(dark ? kInstanceDark[i] : kInstanceLight[i]);
}

QColor levelColor(Level level, bool dark) {
    switch (level) {
    case Level::None:
        return dark ? QColor(0x9e, 0x8c, 0x6c) : QColor(0xa0, 0x8c, 0x64);
    case Level::Trace:
        return dark ? QColor(0x70, 0x70, 0x70) : QColor(0xc8, 0xc8, 0xc8);
    case Level::Debug:
        return dark ? QColor(0x90, 0x90, 0x98) : QColor(0x9a, 0x9a, 0xa6);
    case Level::Info:
        return dark ? QColor(0x4f, 0x9b, 0xe0) : QColor(0x3a, 0x7c, 0xc4);
    case Level::Warning:
        return dark ? QColor(0xf0, 0xb4, 0x3c) : QColor(0xe8, 0x9a, 0x1a);
    case Level::Error:
        return dark ? QColor(0xff, 0x5c, 0x5c) : QColor(0xd6, 0x27, 0x28);
    case Level::Critical:
        return dark ? QColor(0xe0, 0x5c, 0xff) : QColor(0x8b, 0x00, 0x8b);
    }
    return Qt::gray;
}

QPen percentilePen(Percentile p, const QColor& color) {
    // Solid pens only: dash patterns cost a lot to stroke in software rendering, and
    // width plus shade tell the percentiles apart as well.
    QPen pen(color);
    pen.setCosmetic(true);
    switch (p) {
    case Percentile::P50: {
        QColor light = color;
        light.setAlphaF(0.45);
        pen.setColor(light);
        pen.setWidthF(1.0);
        break;
    }
    case Percentile::P95:
        pen.setWidthF(2.2);
        break;
    case Percentile::P99: {
        QColor faint = color;
        faint.setAlphaF(0.75);
        pen.setColor(faint);
        pen.setWidthF(1.0);
        break;
    }
    }
    return pen;
}

QPen thresholdPen(bool critical, bool dark) {
    QPen pen(critical ? (dark ? QColor(0xff, 0x5c, 0x5c) : QColor(0xc0, 0x10, 0x10))
                      : (dark ? QColor(0xf0, 0xb4, 0x3c) : QColor(0xd0, 0x80, 0x00)));
    pen.setWidthF(1.5);
    pen.setStyle(Qt::DashDotLine);
    pen.setCosmetic(true);
    return pen;
}

bool isDarkChartPalette(const QPalette& palette) {
    return palette.color(QPalette::Window).lightness() < 128;
}

void applyChartPalette(QChartView* view, const QPalette& palette) {
    QChart* chart = view->chart();
    const QColor text = palette.color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlpha(40);
    QColor minorGrid = text;
    minorGrid.setAlpha(14);
    chart->setAnimationOptions(QChart::NoAnimation);
    // The view fills the background, the chart draws only its border: filled by the chart,
    // the background went through the antialiasing rasteriser (opening and following 1 GB,
    // 14 of the charts' 266 paint samples; 5 of 164 filled by the view, the same pixels).
    view->setBackgroundBrush(palette.color(QPalette::Base));
    chart->setBackgroundBrush(Qt::NoBrush);
    chart->setBackgroundPen(QPen(palette.color(QPalette::Mid)));
    chart->setBackgroundRoundness(0);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(text);
    chart->legend()->setLabelColor(text);
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(palette.color(QPalette::Mid));
        axis->setGridLineColor(grid);
        axis->setMinorGridLinePen(QPen(minorGrid, 1, Qt::SolidLine));
        axis->setShadesVisible(false);
    }
}

} // namespace vigil
