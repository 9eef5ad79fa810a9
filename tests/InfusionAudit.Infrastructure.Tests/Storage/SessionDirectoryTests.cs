using InfusionAudit.Infrastructure.Storage;
using InfusionAudit.Application.Ports.Sessions;
using InfusionAudit.Infrastructure.Storage.Sessions;
using InfusionAudit.Testing;

namespace InfusionAudit.Infrastructure.Tests.Storage;

public sealed class SessionDirectoryTests
{
    private const string Clinic = "abq-01";

    private readonly StorageRequestCounter counter = new();
    private readonly SessionDirectory directory;

    public SessionDirectoryTests()
    {
        var account = new StorageAccount(Azurite.ConnectionString, counter);
        account.EnsureTablesAsync(CancellationToken.None).GetAwaiter().GetResult();
        directory = new SessionDirectory(account);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheSameSessionIdAtTwoClinicsIsTwoSessionsEachWithItsOwnRows()
    {
        var id = NewId();
        var hash = NewHash();

        await directory.RegisterAsync(Registration(id, Clinic, claim: true), Ct);
        await directory.RegisterAsync(Registration(id, "other-clinic", claim: true, patient: Patient(hash, id, "other-clinic")), Ct);
        await directory.RegisterAsync(Registration(id, Clinic, claim: true, patient: Patient(hash, id, Clinic)), Ct);

        (await directory.ClinicsOfAsync(id, Ct)).ShouldBe([Clinic, "other-clinic"]);
        (await directory.ClinicsOfAsync(NewId(), Ct)).ShouldBeEmpty();
        (await directory.OpenSessionsAsync(Ct)).Where(s => s.SessionId == id).Select(s => s.ClinicId).ShouldBe([Clinic, "other-clinic"], ignoreOrder: true);
        (await directory.PatientSessionsAsync(hash, Ct)).Select(s => s.ClinicId).ShouldBe([Clinic, "other-clinic"], ignoreOrder: true);

        // Closing one clinic's session leaves the other's open.
        await directory.RegisterAsync(new SessionRegistration(id, "other-clinic", false, DateTimeOffset.UtcNow, null, Open: false), Ct);
        (await directory.OpenSessionsAsync(Ct)).Where(s => s.SessionId == id).ShouldHaveSingleItem().ClinicId.ShouldBe(Clinic);
    }

    [Fact]
    public async Task TheSessionsAMessageOpensShareOneTransaction()
    {
        var ids = Enumerable.Range(0, 30).Select(_ => NewId()).ToList();

        var before = counter.Requests;
        await Task.WhenAll(ids.Select(id => directory.RegisterAsync(Registration(id, Clinic, claim: true, patient: Patient(NewHash(), id, Clinic)), Ct)));

        // 30 sessions of 3 rows each: 90 rows, one transaction when they arrive together, two if the first went alone.
        (counter.Requests - before).ShouldBeLessThanOrEqualTo(2);
        var open = (await directory.OpenSessionsAsync(Ct)).Select(s => s.SessionId).ToHashSet();
        ids.ShouldAllBe(id => open.Contains(id));
    }

    [Fact]
    public async Task ClosingASessionThatWasNeverOpenDoesNotFailTheOthersInItsTransaction()
    {
        var kept = NewId();
        var closed = NewId();
        await directory.RegisterAsync(Registration(closed, Clinic, claim: true), Ct);

        await Task.WhenAll(
            directory.RegisterAsync(new SessionRegistration(NewId(), Clinic, false, DateTimeOffset.UtcNow, null, Open: false), Ct),
            directory.RegisterAsync(Registration(kept, Clinic, claim: true), Ct),
            directory.RegisterAsync(new SessionRegistration(closed, Clinic, false, DateTimeOffset.UtcNow, null, Open: false), Ct),
            directory.RegisterAsync(new SessionRegistration(NewId(), Clinic, false, DateTimeOffset.UtcNow, null, Open: false), Ct));

        var open = (await directory.OpenSessionsAsync(Ct)).Select(s => s.SessionId).ToList();
        open.ShouldContain(kept);
        open.ShouldNotContain(closed);
    }

    [Fact]
    public async Task APatientsSessionsAreOneRangeReadThatHoldsNoOtherPatient()
    {
        var hash = NewHash();
        var longer = hash + "0";
        var first = NewId();
        var second = NewId();
        await directory.RegisterAsync(Registration(first, Clinic, claim: true, patient: Patient(hash, first, Clinic)), Ct);
        await directory.RegisterAsync(Registration(second, "sfo-02", claim: true, patient: Patient(hash, second, "sfo-02")), Ct);
        await directory.RegisterAsync(Registration(NewId(), Clinic, claim: true, patient: Patient(longer, NewId(), Clinic)), Ct);

        var before = counter.Requests;
        var sessions = await directory.PatientSessionsAsync(hash, Ct);

        (counter.Requests - before).ShouldBe(1);
        sessions.Select(s => s.SessionId).ShouldBe([first, second], ignoreOrder: true);
        sessions.Single(s => s.SessionId == second).ClinicId.ShouldBe("sfo-02");
    }

    private static SessionRegistration Registration(string id, string clinic, bool claim, PatientSessionRow? patient = null) =>
        new(id, clinic, claim, DateTimeOffset.UtcNow, patient, Open: true);

    private static PatientSessionRow Patient(string hash, string sessionId, string clinic) =>
        new(hash, sessionId, clinic, DateTimeOffset.UtcNow, "ketamine-iv-depression");

    private static string NewId() => "D-" + Guid.NewGuid().ToString("N")[..20];

    private static string NewHash() => "hmac-sha256:" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
}
