#pragma once

#include "retention/RetentionPlan.h"
#include "util/Error.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace berth {

class RetentionBrowser;

/// The dry run of one retention policy: every image it would delete and every tag it would remove alone,
/// every image it keeps, each with the rule and the reason, and the bytes that would come back at the
/// next garbage collection. Worked out off the GUI thread (RetentionBrowser). "Apply" runs the policy as
/// a job (the jobs panel shows it) and closes the dialog.
class RetentionPreviewDialog : public QDialog
{
    Q_OBJECT
public:
    RetentionPreviewDialog(RetentionBrowser& browser, const QString& policy, QWidget* parent = nullptr);

    /// The job Apply started (0 until then).
    quint64 appliedJob() const { return m_job; }
    QString summaryText() const;
    QTreeWidget* list() const { return m_list; }
    QPushButton* applyButton() const { return m_apply; }
    bool isPlanReady() const { return m_pending == 0; }

    /// At most this many rows per group (deleted, tags removed, kept); the summary counts them all.
    static constexpr int RowCap = 2000;

signals:
    void planShown();

private:
    void onPlan(quint64 id, const berth::RetentionPlan& plan);
    void onFailed(quint64 id, const berth::Error& error);
    void onApply();

    RetentionBrowser& m_browser;
    QString m_policy;
    QLabel* m_summary = nullptr;
    QTreeWidget* m_list = nullptr;
    QPushButton* m_apply = nullptr;
    quint64 m_pending = 0;
    quint64 m_job = 0;
};

} // namespace berth
