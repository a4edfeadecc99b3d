#include "dialogs/CompartmentCombo.h"

namespace berth {

CompartmentCombo::CompartmentCombo(QWidget* parent) : QComboBox(parent) {}

QString CompartmentCombo::displayName(const CompartmentPath& path)
{
    if (path.isTenancy())
        return tr("Tenancy");
    return path.names().join(QStringLiteral(" \u203a "));
}

void CompartmentCombo::setCompartments(const QList<CompartmentPath>& compartments)
{
    clear();
    addItem(displayName(CompartmentPath::tenancy()), QString());
    for (const CompartmentPath& path : compartments) {
        if (path.isTenancy())
            continue;
        addItem(QString(path.depth() * 2, QLatin1Char(' ')) + path.name(), path.toString());
        setItemData(count() - 1, displayName(path), Qt::ToolTipRole);
    }
}

void CompartmentCombo::setCurrentCompartment(const CompartmentPath& path)
{
    const int index = findData(path.toString());
    if (index >= 0)
        setCurrentIndex(index);
}

CompartmentPath CompartmentCombo::currentCompartment() const
{
    return CompartmentPath::parse(currentData().toString()).value_or(CompartmentPath());
}

} // namespace berth
