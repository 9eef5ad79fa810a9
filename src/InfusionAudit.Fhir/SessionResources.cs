using Hl7.Fhir.Model;

namespace InfusionAudit.Fhir;

/// <summary>
/// The Bundle being assembled for one session: its entries in order, and which resource stands for which event, so a
/// finding can name the resources its trigger became and every reference resolves inside the Bundle.
/// </summary>
internal sealed class SessionResources(string clinicId, string sessionId)
{
    private readonly List<Bundle.EntryComponent> entries = [];
    private readonly Dictionary<string, List<ResourceReference>> byEvent = new(StringComparer.Ordinal);

    public string ClinicId { get; } = clinicId;

    public string SessionId { get; } = sessionId;

    public IReadOnlyList<Bundle.EntryComponent> Entries => entries;

    /// <summary>The session's patient: every resource about the patient points here.</summary>
    public ResourceReference Patient { get; set; } = null!;

    /// <summary>The administrations the session's findings are about: the infusion, else the discrete doses.</summary>
    public List<ResourceReference> Administrations { get; } = [];

    /// <summary>An id unique to this session and <paramref name="name"/>, the same at every export.</summary>
    public string IdOf(string name) => FhirIds.Uuid($"{ClinicId}|{SessionId}|{name}");

    /// <summary>Identifier value of something of this session: <c>{clinicId}/{sessionId}/{local}</c>.</summary>
    public string Scoped(string local) => $"{ClinicId}/{SessionId}/{local}";

    /// <summary>
    /// Adds the resource (its id already set) and answers a reference to it by its full URL; the events it stands for
    /// lead a finding they triggered to it.
    /// </summary>
    public ResourceReference Add(Resource resource, params IEnumerable<string> eventIds)
    {
        var fullUrl = FhirIds.Urn(resource.Id ?? throw new ArgumentException("A resource of the export has its id before it is added.", nameof(resource)));
        entries.Add(new Bundle.EntryComponent { FullUrl = fullUrl, Resource = resource });
        var reference = new ResourceReference(fullUrl);
        foreach (var eventId in eventIds)
        {
            if (!byEvent.TryGetValue(eventId, out var list))
            {
                byEvent[eventId] = list = [];
            }

            list.Add(reference);
        }

        return reference;
    }

    /// <summary>The resources an event became (none for events the export has no resource for).</summary>
    public IReadOnlyList<ResourceReference> OfEvent(string eventId) =>
        byEvent.TryGetValue(eventId, out var list) ? list : [];
}
