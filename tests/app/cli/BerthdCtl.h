#pragma once

#include "CtlRun.h"
#include "support/BerthdProcess.h"

#include <memory>

namespace berth::test {

/// A berthd of its own for one berthctl test function, and berthctl runs against it signed in.
class BerthdCtl
{
public:
    /// Starts a new berthd on a free port with a new data directory (extraArgs go on its command line).
    bool start(const QStringList& extraArgs = {})
    {
        m_berthd = std::make_unique<BerthdProcess>();
        return m_berthd->start(extraArgs);
    }
    /// Stops berthd (if one runs) and forgets it; its exit status, 0 when none ran.
    int stop()
    {
        const int status = m_berthd ? m_berthd->stop() : 0;
        m_berthd.reset();
        return status;
    }
    QString errorString() const { return m_berthd ? m_berthd->errorString() : QString(); }
    BerthdProcess& berthd() { return *m_berthd; }
    const BerthdProcess& berthd() const { return *m_berthd; }

    CtlRun as(const QString& user, const QString& password, const QStringList& args) const
    {
        return CtlRun::as(m_berthd->baseUrl().adjusted(QUrl::RemoveUserInfo).toString(), user, password,
                          args);
    }
    CtlRun admin(const QStringList& args) const
    {
        return as(BerthdProcess::adminUser(), BerthdProcess::adminPassword(), args);
    }

private:
    std::unique_ptr<BerthdProcess> m_berthd;
};

} // namespace berth::test
