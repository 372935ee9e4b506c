using Refit;
using Ticketing.Contracts;
using Ticketing.Contracts.Queries;

namespace Ticketing.Web.Api;

// The services' public APIs as the console calls them through the gateway (/api/{service}/…), with the user's token.
// The shapes are the services' own answers; only the members the console shows are declared.

public sealed record Page<T>(List<T> Items, int PageNumber, int PageSize, int Total);

public sealed record CallToRegister(Channel Channel, Category Category, Urgency Urgency, string Title, string Content, string? CallerName,
    string CallerPhone, string RegionCode, string? Address = null, string? SubCategory = null);

public interface IIntakeClient
{
    [Get("/catalogue")]
    Task<List<CatalogueCategoryView>> CatalogueAsync(CancellationToken cancellationToken = default);

    [Post("/tickets")]
    Task<TicketSummary> RegisterAsync([Body] CallToRegister call, [Header("Idempotency-Key")] string idempotencyKey,
        CancellationToken cancellationToken = default);

    [Get("/tickets/{id}")]
    Task<TicketSummary> TicketAsync(Guid id, CancellationToken cancellationToken = default);

    [Post("/tickets/{id}/accept")]
    Task<TicketSummary> AcceptAsync(Guid id, CancellationToken cancellationToken = default);

    [Get("/callers/{phone}/tickets")]
    Task<Page<TicketSummary>> CallerHistoryAsync(string phone, int pageSize = 5, CancellationToken cancellationToken = default);

    [Get("/duplicates")]
    Task<List<DuplicateCandidate>> DuplicatesAsync(string? phone, string? address, string? content, CancellationToken cancellationToken = default);
}

public sealed record TimelineEntry(int Position, DateTimeOffset At, string Kind, string Actor, string Role, string? Reason,
    TicketState? From, TicketState? To, string? Office = null);

public sealed record DefinitionRef(string Name, int Version);

public sealed record WorkItemView(Guid Id, string Kind, string Status, TicketState OpenedIn, string? OfficeCode, DateTimeOffset OpenedAt,
    DateTimeOffset? DueAt, DateTimeOffset? ClosedAt);

public sealed record InstanceDetail(Guid TicketId, string Number, TicketState State, DefinitionRef Definition, Category Category,
    Urgency Urgency, string? OfficeCode, List<string> PermittedTriggers, List<WorkItemView> WorkItems, List<TimelineEntry> Timeline,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record StateDefinition(string Name, string? Parent = null, bool IsGroup = false, string? Description = null);

public sealed record TransitionDefinition(string From, string Trigger, string? To = null);

public sealed record TriggerDefinition(string Name, string? Event = null, List<string>? Roles = null, string? Description = null);

public sealed record LifecycleDefinition(string Name, int Version, string Title, string InitialState, List<StateDefinition> States,
    List<TriggerDefinition> Triggers, List<TransitionDefinition> Transitions);

public sealed record TriggerRequest(string? Reason = null, string? OfficeCode = null);

public interface IWorkflowClient
{
    [Get("/instances/{ticketId}")]
    Task<InstanceDetail> InstanceAsync(Guid ticketId, CancellationToken cancellationToken = default);

    [Get("/lifecycle/definitions/{name}")]
    Task<LifecycleDefinition> DefinitionAsync(string name, int? version, CancellationToken cancellationToken = default);

    [Post("/instances/{ticketId}/triggers/{trigger}")]
    Task<InstanceDetail> FireAsync(Guid ticketId, string trigger, [Body] TriggerRequest request, CancellationToken cancellationToken = default);
}

public sealed record AssignmentView(Guid Id, Guid TicketId, string Number, Category Category, Urgency Urgency, string RegionCode,
    string OfficeCode, string OfficeName, string Status, DateTimeOffset AssignedAt, DateTimeOffset? SignedAt, string? ReturnReason, string Role);

public sealed record ReturnReasonView(ReturnReason Code, string Name);

public sealed record SignFor(string OfficeCode);

public sealed record ReturnWork(string OfficeCode, ReturnReason ReasonCode, string Reason);

public interface IDispatchClient
{
    [Get("/regions")]
    Task<List<RegionView>> RegionsAsync(CancellationToken cancellationToken = default);

    [Get("/offices/{code}/inbox")]
    Task<Page<AssignmentView>> InboxAsync(string code, string? status = null, string? sort = null, int? pageSize = null,
        CancellationToken cancellationToken = default);

    [Get("/assignments")]
    Task<Page<AssignmentView>> AssignmentsAsync(Guid? ticketId = null, CancellationToken cancellationToken = default);

    [Get("/return-reasons")]
    Task<List<ReturnReasonView>> ReturnReasonsAsync(CancellationToken cancellationToken = default);

    [Post("/assignments/{id}/sign")]
    Task<AssignmentView> SignForAsync(Guid id, [Body] SignFor request, CancellationToken cancellationToken = default);

    [Post("/assignments/{id}/return")]
    Task<AssignmentView> ReturnAsync(Guid id, [Body] ReturnWork request, CancellationToken cancellationToken = default);
}
