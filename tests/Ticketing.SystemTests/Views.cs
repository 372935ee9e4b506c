using Ticketing.Contracts;

namespace Ticketing.SystemTests;

// Each service's own view, as its API returns it (the tests read them the way a client would).
public sealed record PageOf<T>(List<T> Items, int PageNumber, int PageSize, int Total);

public sealed record TicketView(Guid Id, string Number, string Title, string Content, Category Category, Urgency Urgency,
    string CallerName, string CallerPhone, string RegionCode, TicketState Status, string? FirstContactAnswer = null,
    string? DecisionSupersededReason = null);

public sealed record TimelineLine(int Position, string Kind, string Actor, string Role, string? Reason, TicketState? From, TicketState? To, string? Office = null);

public sealed record DefinitionView(string Name, int Version);

public sealed record CountersView(int Returns, int Reopens, int Escalations);

public sealed record WorkItemView(Guid Id, WorkItemKind Kind, string Status, string? OfficeCode, bool ByHand, string? ClosedReason);

public sealed record InstanceView(Guid TicketId, string Number, TicketState State, DefinitionView Definition, Urgency Urgency, string? OfficeCode,
    CountersView Counters, int ReopenCount, Guid? MergedInto, List<string> PermittedTriggers, List<WorkItemView> WorkItems, List<TimelineLine> Timeline)
{
    public IEnumerable<Guid> Open(WorkItemKind kind) => WorkItems.Where(w => w.Kind == kind && w.Status == "Open").Select(w => w.Id);
}

public sealed record DispatchView(Guid Id, Guid TicketId, string Status, string? DirectedOfficeCode, bool ByHand, Guid? AssignmentId, string? ClosedReason);

public sealed record AssignmentView(Guid Id, Guid TicketId, Guid DispatchId, string OfficeCode, string OfficeName, string Status, DateTimeOffset AssignedAt,
    string? ClosedReason);

public sealed record ClockView(Guid Id, Guid TicketId, Guid WorkItemId, string Kind, string OfficeCode, string Status, DateTimeOffset Deadline,
    DateTimeOffset? StoppedAt);

public sealed record CaseView(Guid Id, Guid TicketId, string OfficeCode, string Status, string? ReplyToCustomer, int Reopens, string? ClosedReason);

public sealed record CallbackTaskView(Guid Id, Guid TicketId, string Status, string ReplyToCustomer, Satisfaction? Satisfaction, int Attempts,
    string? OfficeCode);

public sealed record CallbackTaskDetailView(CallbackTaskView Task, TicketView? Ticket, string? TicketUnavailableReason);

public sealed record SurveyResponseView(Guid Id, Guid TicketId, Satisfaction Satisfaction, string Source);

public sealed record ProblemView(int Status, string Title, string? Detail, Dictionary<string, string[]>? Errors);

public sealed record WaitingEventView(long Id, Guid EventId, string Handler, string Ticket, string Topic, string Reason);

public static class Calls
{
    public static object NewTicket(Category category = Category.Complaint, Urgency urgency = Urgency.Normal, string region = "DC",
        string title = "路灯不亮", string phone = "13800138000") => new
    {
        channel = "Phone",
        category = category.ToString(),
        urgency = urgency.ToString(),
        title,
        content = "东华路 12 号门前的路灯坏了三天，晚上很黑。",
        callerName = "张三",
        callerPhone = phone,
        regionCode = region,
        subCategory = SubCategoryOf(category),
    };

    /// <summary>A sub-category of the shipped catalogue for each category that has them (Tickets/catalogue.json).</summary>
    public static string? SubCategoryOf(Category category) => category switch
    {
        Category.Consultation => "OtherConsultation",
        Category.Complaint => "OtherComplaint",
        Category.Report => "OtherReport",
        Category.HelpRequest => "StreetLighting",
        _ => null,
    };
}
