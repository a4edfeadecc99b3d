#pragma once

#include "iam/CompartmentPath.h"

#include <QDialog>
#include <functional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace berth {

class CompartmentCombo;

/// Asks for a name (and optionally a description and a compartment): creating a compartment or a
/// repository, renaming a compartment. OK stays disabled while the validator finds a problem, which
/// is shown under the fields.
class NameDialog : public QDialog
{
    Q_OBJECT
public:
    struct Fields
    {
        QString title;
        QString nameLabel;
        QString initialName;
        QString placeholder;
        bool withDescription = false;
        QString compartmentLabel; ///< empty: no compartment picker
        QList<CompartmentPath> compartments;
        CompartmentPath compartment;
        std::function<QString(const QString& name)> problem; ///< "" when the name is fine
    };

    explicit NameDialog(const Fields& fields, QWidget* parent = nullptr);

    QString name() const;
    QString description() const;
    CompartmentPath compartment() const;

    QLineEdit* nameEdit() const { return m_name; }
    CompartmentCombo* compartmentCombo() const { return m_compartment; }
    bool isAcceptable() const;

private:
    void validate();

    std::function<QString(const QString&)> m_problem;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_description = nullptr;
    CompartmentCombo* m_compartment = nullptr;
    QLabel* m_problemLabel = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace berth
