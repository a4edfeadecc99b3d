#pragma once

#include "governance/LimitRequest.h"
#include "governance/RegistryLimits.h"

#include <QDialog>
#include <QJsonObject>
#include <QList>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTreeWidget;

namespace berth {

class AuditLog;
class LimitWorker;
class RegistryHost;

/// Server > "Limits and requests…": the registry's figures and limits (changed at run time here), and
/// the limit increase requests with Approve and Decline (approving raises the limit at once). Every
/// read and change runs off the GUI thread (LimitWorker); changes are audited (console.setLimits,
/// console.approveLimitRequest, console.declineLimitRequest).
class LimitsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit LimitsDialog(RegistryHost& host, QWidget* parent = nullptr);

    /// The figures and requests as last loaded (tests).
    struct Snapshot
    {
        RegistryLimits limits;
        RegistryLimits defaults;
        qint64 repositoryCount = 0;
        QList<LimitRequest> requests;
    };

    QLabel* figures() const { return m_figures; }
    QSpinBox* repositoriesBox() const { return m_repositories; }
    QSpinBox* imagesBox() const { return m_images; }
    QCheckBox* pendingOnlyBox() const { return m_pendingOnly; }
    QTreeWidget* requestList() const { return m_requests; }
    QLineEdit* noteEdit() const { return m_note; }
    QString message() const;
    LimitWorker& worker() const { return *m_worker; }

    void reload();
    void applyLimits();
    /// Approves or declines the selected request with the note.
    void decideSelected(bool approve);

private:
    void show(const Snapshot& snapshot);
    void updateButtons();
    static void audit(AuditLog& log, const QString& action, const QString& target,
                      const QJsonObject& details);

    RegistryHost& m_host;
    LimitWorker* m_worker = nullptr;
    QLabel* m_figures = nullptr;
    QSpinBox* m_repositories = nullptr;
    QSpinBox* m_images = nullptr;
    QCheckBox* m_pendingOnly = nullptr;
    QTreeWidget* m_requests = nullptr;
    QLineEdit* m_note = nullptr;
    QPushButton* m_approve = nullptr;
    QPushButton* m_decline = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace berth
