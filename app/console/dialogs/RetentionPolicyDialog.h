#pragma once

#include "data/RetentionBrowser.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace berth {

/// Adds or edits one retention policy: its name, description, whether the schedule runs it, and its
/// rules (each delete and keep rule switched on with its number of days or images; tag patterns one per
/// line). The rules are checked as they are typed (RetentionRules::fromJson), so OK is only offered for
/// a policy the registry will accept.
class RetentionPolicyDialog : public QDialog
{
    Q_OBJECT
public:
    /// A new policy on `target` (policy empty), or the given one to edit.
    RetentionPolicyDialog(const RetentionTarget& target, const RetentionPolicy* policy,
                          QWidget* parent = nullptr);

    /// The policy as entered (valid when the dialog was accepted).
    RetentionPolicy policy() const;
    /// Why the rules are not acceptable, or an empty string.
    QString problem() const;

    // The fields, for tests.
    QLineEdit* nameEdit() const { return m_name; }
    QCheckBox* ruleCheck(const QString& rule) const;
    QSpinBox* ruleValue(const QString& rule) const;
    QPlainTextEdit* keepTagsEdit() const { return m_keepTags; }
    QPlainTextEdit* selectTagsEdit() const { return m_selectTags; }
    QCheckBox* deleteReferrersCheck() const { return m_deleteReferrers; }

private:
    void check();

    struct NumberRule
    {
        QString name;
        QCheckBox* check = nullptr;
        QSpinBox* value = nullptr;
    };

    RetentionTarget m_target;
    RetentionPolicy m_original;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_description = nullptr;
    QCheckBox* m_enabled = nullptr;
    QList<NumberRule> m_numbers;
    QPlainTextEdit* m_keepTags = nullptr;
    QPlainTextEdit* m_selectTags = nullptr;
    QCheckBox* m_deleteReferrers = nullptr;
    QLabel* m_problem = nullptr;
    QWidget* m_ok = nullptr;
};

} // namespace berth
