using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Dispatch.Assignments;
using Ticketing.Dispatch.Data;
using Ticketing.Dispatch.Events;
using Ticketing.Dispatch.Offices;

namespace Ticketing.UnitTests.Dispatch;

/// <summary>Routing over the sample city that ships with the service (services/Dispatch/Offices/sample-city.json).</summary>
public sealed class RoutingTests
{
    private static readonly OfficeDirectory City = OfficeDirectory.Load(Options.Create(new DispatchOptions()));

    [Theory]
    [InlineData(Category.Report, "XC", "SFS-CG")]          // a category rule for every region
    [InlineData(Category.Complaint, "NS", "SFS-SCJG")]     // a category × region rule
    [InlineData(Category.Complaint, "DC-DH", "SFS-DC-DH")] // the subdistrict's own jurisdiction
    [InlineData(Category.Complaint, "DC-XX", "SFS-DC")]    // unknown subdistrict: up to its district
    [InlineData(Category.HelpRequest, "BH", "SFS-BH-QS")]
    [InlineData(Category.Consultation, "BH", "SFS-BH")]
    [InlineData(Category.Complaint, "ZZ", "SFS-12345")]    // nobody covers it: the hotline centre decides
    public void Tickets_go_to_the_most_specific_office(Category category, string region, string office) =>
        Assert.Equal(office, City.Route(category, region).Office.Code);

    [Fact]
    public void The_city_has_districts_counties_and_departments_in_a_tree()
    {
        Assert.True(City.Offices.Count(o => o.Kind is "District" or "County") >= 3);
        Assert.Contains(City.Offices, o => o.Kind == "Department");
        Assert.Equal(["SFS-BH", "SFS-BH-QS"], City.WithSubOffices("SFS-BH").Order());
    }

    [Fact]
    public void A_directory_naming_an_unknown_office_is_refused()
    {
        var broken = new OfficeDirectoryFile("x", "A", [new Office("A", "甲", "A", "Centre", null, [])],
            [new RoutingRule(Category.Complaint, "*", "NOPE", null)]);
        Assert.Contains("NOPE", Assert.Throws<InvalidOperationException>(() => new OfficeDirectory(broken)).Message);
    }

    [Fact]
    public void Only_the_assigned_office_signs_and_only_once()
    {
        var assignment = Assignment.Create(Guid.NewGuid(), "GD20261123-000001", Category.Complaint, Urgency.Normal, "DC", "SFS-DC", "test",
            DateTimeOffset.UtcNow);
        Assert.Equal(403, Assert.Throws<DomainRuleException>(() => assignment.SignFor("SFS-XC", "clerk", DateTimeOffset.UtcNow)).StatusCode);
        assignment.SignFor("sfs-dc", "clerk", DateTimeOffset.UtcNow);
        Assert.Equal(409, Assert.Throws<DomainRuleException>(() => assignment.SignFor("SFS-DC", "clerk", DateTimeOffset.UtcNow)).StatusCode);
    }

    [Fact]
    public async Task A_dispatch_request_assigns_once_and_announces_it()
    {
        using var database = new TestDatabase<DispatchSqliteDbContext>();
        var request = new DispatchRequested(Guid.NewGuid(), "GD20261123-000001", Category.Complaint, Urgency.Normal, "XC");
        for (var delivery = 0; delivery < 2; delivery++)
        {
            await using var db = database.NewContext();
            Assert.Equal(EventOutcome.Handled, await new DispatchRequestedHandler(db, City).HandleAsync(request, default));
            await db.SaveChangesAsync();
        }
        await using var check = database.NewContext();
        Assert.Equal("SFS-XC", Assert.Single(check.Assignments).OfficeCode);
        Assert.Equal(["ticket.assigned"], database.PublishedEvents().Select(e => e.Topic));
    }
}
