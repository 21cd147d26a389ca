// Choosing a dish's options (size, spice...): one per group, or several where the group allows. Required
// single-choice groups start on their first option. `picked` holds, per group, the names picked.
const OPTION_HINTS = { multiple: "可多选", required: "必选", optional: "可选" };

function firstDishPick(item) {
  return item.details.optionGroups.map((group) => (group.required && !group.multiple ? [group.options[0].name] : []));
}

/** `picked` after a tap on one option: toggled in a multiple group, chosen (or cleared if optional) in others. */
function pickDishOption(item, picked, groupIndex, name) {
  const group = item.details.optionGroups[groupIndex];
  return picked.map((names, index) => {
    if (index !== groupIndex) return names;
    if (group.multiple) return names.includes(name) ? names.filter((picked) => picked !== name) : names.concat(name);
    return names[0] === name && !group.required ? [] : [name];
  });
}

/** What the option groups show, the `{ group, name }` options picked, their extra price and completeness. */
function dishChoiceView(item, picked) {
  const groups = item.details.optionGroups;
  const options = [];
  let extraFen = 0;
  groups.forEach((group, index) => {
    group.options.forEach((option) => {
      if (!picked[index].includes(option.name)) return;
      options.push({ group: group.name, name: option.name });
      extraFen += option.extraFen;
    });
  });
  return {
    groups: groups.map((group, index) => ({
      name: group.name,
      hint: OPTION_HINTS[group.multiple ? "multiple" : group.required ? "required" : "optional"],
      options: group.options.map((option) => ({ name: option.name, extraFen: option.extraFen, selected: picked[index].includes(option.name) })),
    })),
    options,
    extraFen,
    complete: groups.every((group, index) => !group.required || picked[index].length > 0),
  };
}

module.exports = { dishChoiceView, firstDishPick, pickDishOption };
