#pragma once

#include "iam/CompartmentPath.h"

#include <QComboBox>

namespace berth {

/// A combo box of compartments: "Tenancy" first, then each path ("Apps › Backend"), indented by depth.
class CompartmentCombo : public QComboBox
{
    Q_OBJECT
public:
    explicit CompartmentCombo(QWidget* parent = nullptr);

    void setCompartments(const QList<CompartmentPath>& compartments);
    void setCurrentCompartment(const CompartmentPath& path);
    CompartmentPath currentCompartment() const;

    /// "Tenancy", or the path with › between names.
    static QString displayName(const CompartmentPath& path);
};

} // namespace berth
