using System.Text.Json.Serialization;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.Contracts;

namespace Ticketing.Callback.Tasks;

[JsonConverter(typeof(JsonStringEnumConverter<CallbackTaskStatus>))]
public enum CallbackTaskStatus { Open, Completed }

/// <summary>回访: an agent calls the customer back to hear whether the reply resolved it.</summary>
public sealed class CallbackTask : IVersioned
{
    public Guid Id { get; private set; }
    public Guid TicketId { get; private set; }
    public string Number { get; private set; } = "";
    public string OfficeCode { get; private set; } = "";
    public string ReplyToCustomer { get; private set; } = "";
    public CallbackTaskStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public string? AgentId { get; private set; }
    public bool? Resolved { get; private set; }
    public Satisfaction? Satisfaction { get; private set; }
    public string? Comment { get; private set; }
    public int Version { get; set; }

    private CallbackTask() { }

    public static CallbackTask Open(Guid ticketId, string number, string officeCode, string reply, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        TicketId = ticketId,
        Number = number,
        OfficeCode = officeCode,
        ReplyToCustomer = reply,
        Status = CallbackTaskStatus.Open,
        CreatedAt = now,
    };

    public void RecordOutcome(bool resolved, Satisfaction satisfaction, string? comment, string agent, DateTimeOffset now)
    {
        if (Status != CallbackTaskStatus.Open)
            throw new DomainRuleException("Callback already recorded", $"The callback for {Number} was recorded at {CompletedAt:u} by {AgentId}.");
        Status = CallbackTaskStatus.Completed;
        Resolved = resolved;
        Satisfaction = satisfaction;
        Comment = comment?.Trim();
        AgentId = agent;
        CompletedAt = now;
    }
}
