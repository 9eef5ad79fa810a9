using System.Runtime.CompilerServices;
using System.Text.Json;

namespace InfusionAudit.Domain.Contract;

/// <summary>
/// Room for the known fields of one JSON object, on the stack: a default slot (<see cref="JsonValueKind.Undefined"/>)
/// means the field is absent.
/// </summary>
[InlineArray(Capacity)]
internal struct FieldSlots
{
    /// <summary>The widest object of the contract: the envelope and <c>SessionStarted</c> both have nine fields.</summary>
    public const int Capacity = 9;

    // The inline array's storage: only ever reached through the span indexer.
    private JsonElement element;
}
