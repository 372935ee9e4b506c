namespace Ticketing.Reporting.Facts;

/// <summary>
/// An office's handling case (办理): opened by the workflow (a reopen when <see cref="Reopens"/> &gt; 0), completed by the
/// office. Its working time, from opening to completion on supervision's business calendar, is measured once both are
/// known; until supervision answers it is pending (<see cref="WorkingMinutes"/> null).
/// </summary>
public sealed class HandlingCaseFact
{
    public Guid CaseId { get; private set; }
    public Guid TicketId { get; private set; }
    public string OfficeCode { get; private set; } = "";
    public DateTimeOffset? RequestedAt { get; private set; }
    public int Reopens { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public long? WorkingMinutes { get; private set; }

    /// <summary>Why the last try to measure failed, for whoever wonders why a figure is still pending.</summary>
    public string? MeasureFailure { get; private set; }

    private HandlingCaseFact() { }

    public static HandlingCaseFact Of(Guid caseId, Guid ticketId, string officeCode) => new() { CaseId = caseId, TicketId = ticketId, OfficeCode = officeCode };

    public void Requested(DateTimeOffset at, int reopens) => (RequestedAt, Reopens) = (at, reopens);

    public void Completed(DateTimeOffset at) => CompletedAt = at;

    public bool IsReopen => Reopens > 0;

    /// <summary>Both ends are known and the working time is not yet: the background measurer asks supervision.</summary>
    public bool AwaitsMeasure => RequestedAt is not null && CompletedAt is not null && WorkingMinutes is null;

    public void Measured(long minutes) => (WorkingMinutes, MeasureFailure) = (minutes, null);

    public void MeasureFailed(string reason) => MeasureFailure = reason.Length > 500 ? reason[..500] : reason;
}
