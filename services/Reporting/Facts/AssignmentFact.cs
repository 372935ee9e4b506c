namespace Ticketing.Reporting.Facts;

/// <summary>An assignment to a lead office (交办): when it was given, signed for (签收) or returned (退回).</summary>
public sealed class AssignmentFact
{
    public Guid AssignmentId { get; private set; }
    public Guid TicketId { get; private set; }
    public string OfficeCode { get; private set; } = "";
    public DateTimeOffset? AssignedAt { get; private set; }
    public DateTimeOffset? SignedAt { get; private set; }
    public DateTimeOffset? ReturnedAt { get; private set; }

    private AssignmentFact() { }

    public static AssignmentFact Of(Guid assignmentId, Guid ticketId, string officeCode) =>
        new() { AssignmentId = assignmentId, TicketId = ticketId, OfficeCode = officeCode };

    public void Assigned(DateTimeOffset at) => AssignedAt = at;

    public void Signed(DateTimeOffset at) => SignedAt = at;

    public void Returned(DateTimeOffset at) => ReturnedAt = at;

    /// <summary>The office is done with it: signed for or sent back.</summary>
    public bool Done => SignedAt is not null || ReturnedAt is not null;
}

/// <summary>An office the reports name, with its name as dispatch last announced it.</summary>
public sealed class OfficeName
{
    public string OfficeCode { get; private set; } = "";
    public string Name { get; private set; } = "";

    private OfficeName() { }

    public static OfficeName Of(string code, string name) => new() { OfficeCode = code, Name = name };

    public void Rename(string name) => Name = name;
}
