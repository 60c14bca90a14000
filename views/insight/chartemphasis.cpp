#include "chartemphasis.h"

#include <QChart>
#include <QXYSeries>

namespace vigil {

void emphasiseInstances(QChart* chart, const QStringList& labels) {
    if (!chart) return;
    static const char* const kBaseWidth = "vigilBaseWidth";
    for (QAbstractSeries* series : chart->series()) {
        auto* line = qobject_cast<QXYSeries*>(series);
        if (!line) continue;
        bool marked = false;
        for (const QString& label : labels)
            marked = marked || line->name() == label || line->name().startsWith(label + QLatin1Char(' '));
        QPen pen = line->pen();
        // The chart's own width is kept aside the first time, so emphasis comes and goes.
        QVariant base = line->property(kBaseWidth);
        if (!base.isValid()) {
            if (!marked) continue;
            base = pen.widthF();
            line->setProperty(kBaseWidth, base);
        }
        const double width = marked ? base.toDouble() * 2.2 : base.toDouble();
        if (qFuzzyCompare(pen.widthF(), width)) continue;
        pen.setWidthF(width);
        line->setPen(pen);
    }
}

} // namespace vigil
