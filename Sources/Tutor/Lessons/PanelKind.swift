/// The live panels a lesson can show, and the contract between a lesson file and its panel:
/// which `options` it accepts, which `live` values it reports (answers are checked against these),
/// and which actions its keys trigger. A lesson file naming anything else is rejected with a
/// `file:line:` error, so a typo cannot silently produce a panel that ignores a setting.
public enum PanelKind: String, CaseIterable, Sendable {
    case network, digits, summary, flatten, dense, relu, sparsity, dropout, logits, training, draw, overfitting
    case mistakes

    /// The `options:` this panel understands (types, ranges and defaults are in `LessonOption`).
    public var allowedOptions: [LessonOption] {
        switch self {
        case .network: [.digit, .set, .model, .seed]
        case .digits: [.digit, .set, .view]
        case .summary: []
        case .flatten: [.digit, .set, .row, .col]
        case .dense: [.digit, .set, .neuron, .model]
        case .relu: [.digit, .set, .model, .input]
        case .sparsity: [.digit, .set, .model]
        case .dropout: [.digit, .set, .rate, .mode, .seed, .model]
        case .logits: [.digit, .set, .model, .seed]
        case .training: [.epochs, .batch, .dropout, .lr, .seed]
        case .draw: [.model]
        case .overfitting: [.epochs, .batch, .trainSize, .rates, .seed]
        case .mistakes: []
        }
    }

    /// Names of the numbers the panel computes that an answer may be checked against (`live=`), and that
    /// lesson text may embed (`{{name}}`). Each describes what the panel shows at that moment.
    public var liveValues: [String] {
        switch self {
        case .network: ["output_count", "predicted_digit", "label", "trained_accuracy_percent"]
        case .digits: ["ink_pixels", "max_pixel", "label", "index"]
        case .summary: ["dense_params", "dense_1_params", "total_params"]
        case .flatten: ["flat_index", "pixel_value", "stream_length"]
        case .dense: ["weights_per_neuron", "parameters_per_neuron", "pre_activation", "bias", "glorot_limit"]
        case .relu: ["relu_output", "negative_count"]
        case .sparsity: ["zero_units", "active_units", "never_firing_units", "mean_active_units", "mean_active_percent",
                         "fewest_active_units", "most_active_units"]
        case .dropout: ["dropped_count", "kept_count", "scale", "active_before", "active_after"]
        case .logits: ["max_probability", "min_probability", "probability_sum", "predicted_digit"]
        case .training: ["test_accuracy_percent", "initial_loss", "final_loss"]
        case .draw: ["predicted_digit", "top_probability"]
        case .overfitting: ["smallest_gap_rate", "largest_gap_percent"]
        case .mistakes: ["test_count", "correct_count", "mistake_count", "accuracy_percent", "most_confused_count",
                         "most_confused_true", "most_confused_predicted", "cell_count"]
        }
    }

    /// Words (not numbers) the panel fills into lesson text and questions (`{{name}}`): what it shows
    /// now, such as the digit (`x_train[1]`) or the settings of the next run.
    public var liveTexts: [String] {
        switch self {
        case .network: ["digit", "model"]
        case .digits: ["digit"]
        case .summary: ["total_size"]
        case .flatten: ["digit", "row", "col"]
        case .dense: ["digit", "neuron"]
        case .relu: ["digit", "input"]
        case .sparsity: ["digit", "model"]
        case .dropout: ["digit", "rate", "mode"]
        case .logits: ["digit", "seed"]
        case .training: ["settings", "command"]
        case .draw: []
        case .overfitting: ["epochs", "command"]
        case .mistakes: ["model", "cell", "most_confused"]
        }
    }

    /// Square tables of numbers the panel computes, which a pair answer names (`table=`): the
    /// learner answers with one cell. In lesson text `{{name}}` gives the table's answer in words.
    public var liveTables: [String] {
        switch self {
        case .mistakes: ["confusion"]
        default: []
        }
    }

    /// The live values that would give `name` away (one follows from the other): while a question asks
    /// for `name`, these stay hidden too.
    public func givesAway(_ name: String) -> [String] {
        switch (self, name) {
        case (.summary, "dense_params"): ["total_params", "total_size"]
        case (.sparsity, "zero_units"): ["active_units"]
        case (.sparsity, "active_units"): ["zero_units"]
        case (.dropout, "dropped_count"): ["kept_count", "active_after"]
        case (.dropout, "kept_count"): ["dropped_count"]
        case (.mistakes, "confusion"): ["most_confused", "most_confused_count", "most_confused_true", "most_confused_predicted"]
        default: []
        }
    }

    /// Every name a lesson may write as `{{name}}`.
    public var placeholders: [String] { liveValues + liveTexts + liveTables }

    /// The actions the panel implements; each lesson using the panel binds every one to a key.
    public var actions: [String] {
        switch self {
        case .network: ["previous_digit", "next_digit", "reinitialize", "toggle_model"]
        case .digits: ["previous_digit", "next_digit", "random_digit", "switch_set", "toggle_view"]
        case .summary: ["previous_row", "next_row"]
        case .flatten: ["move_left", "move_down", "move_up", "move_right", "previous_digit", "next_digit", "play_unroll"]
        case .dense: ["previous_neuron", "next_neuron", "previous_digit", "next_digit", "toggle_model"]
        case .relu: ["enter_number", "previous_digit", "next_digit", "toggle_model", "sort_units"]
        case .sparsity: ["previous_digit", "next_digit", "random_digit", "toggle_model", "cycle_view"]
        case .dropout: ["rate_up", "rate_down", "toggle_mode", "new_mask", "previous_digit", "next_digit"]
        case .logits: ["previous_digit", "next_digit", "reinitialize", "next_step"]
        case .training: ["start", "stop", "previous_setting", "next_setting", "increase", "decrease", "keep", "discard"]
        case .draw: ["move_left", "move_down", "move_up", "move_right", "toggle_pen", "clear", "erase", "brush_smaller", "brush_larger", "toggle_view"]
        case .overfitting: ["start", "stop", "epochs_up", "epochs_down"]
        case .mistakes: ["move_left", "move_down", "move_up", "move_right", "previous_mistake", "next_mistake", "sort_mistakes"]
        }
    }
}
