using Microsoft.Extensions.Options;
using Ticketing.Contracts;
using Ticketing.Dispatch.Offices;

namespace Ticketing.UnitTests.Dispatch;

/// <summary>Routing over the sample city that ships with the service (services/Dispatch/Offices/sample-city.json).</summary>
public sealed class RoutingTests
{
    internal static readonly OfficeDirectory City = OfficeDirectory.Load(Options.Create(new DispatchOptions()));

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
}
