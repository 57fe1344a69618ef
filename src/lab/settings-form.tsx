/**
 * How the Settings Editor draws ML Debt's lists: one text box, a value per
 * line, instead of one input box per value (the hyperparameter vocabulary
 * has dozens of words). Registered as form renderers for the `rules`,
 * `declaredInputs` and `declaredOutputs` properties.
 */
import type { FieldProps, UiSchema } from '@rjsf/utils';
import React, { useEffect, useState } from 'react';

/** The values of a text list: one per line (commas also separate), blanks dropped. */
export function parseTextList(
  text: string,
  itemType: 'string' | 'number'
): (string | number)[] | null {
  const items = text
    .split(/[\n,]/)
    .map(s => s.trim())
    .filter(s => s !== '');
  if (itemType === 'string') {
    return items;
  }
  const numbers = items.map(Number);
  return numbers.some(n => !Number.isFinite(n)) ? null : numbers;
}

export function formatTextList(values: unknown): string {
  return Array.isArray(values) ? values.map(String).join('\n') : '';
}

function itemTypeOf(schema: any): 'string' | 'number' {
  return schema?.items?.type === 'number' ? 'number' : 'string';
}

/** A list setting as one textarea, a value per line. */
export function TextListField(props: FieldProps): JSX.Element {
  const { schema, formData, onChange, idSchema, disabled, readonly } = props;
  const itemType = itemTypeOf(schema);
  const [text, setText] = useState(formatTextList(formData));
  const [invalid, setInvalid] = useState(false);
  // Follow changes made elsewhere ("Restore to Defaults", the JSON editor).
  useEffect(() => {
    const mine = parseTextList(text, itemType);
    if (JSON.stringify(mine) !== JSON.stringify(formData ?? [])) {
      setText(formatTextList(formData));
      setInvalid(false);
    }
  }, [JSON.stringify(formData ?? [])]);
  const id = idSchema.$id;
  const count = Array.isArray(formData) ? formData.length : 0;
  return (
    <div className="form-group jp-MldebtTextList">
      <label className="control-label" htmlFor={id}>
        {schema.title ?? props.name}
      </label>
      <textarea
        id={id}
        className="jp-MldebtTextList-input jp-mod-styled"
        rows={Math.min(12, Math.max(3, count + 1))}
        value={text}
        disabled={disabled || readonly}
        spellCheck={false}
        aria-describedby={`${id}__description`}
        onChange={e => {
          const next = e.target.value;
          setText(next);
          const values = parseTextList(next, itemType);
          setInvalid(values === null);
          if (values !== null) {
            onChange(values);
          }
        }}
      />
      <div id={`${id}__description`} className="field-description">
        {schema.description ? `${schema.description} ` : ''}
        {itemType === 'number' ? 'One number per line.' : 'One value per line.'}
        {invalid ? ' Not saved: every line must be a number.' : ''}
      </div>
    </div>
  );
}

/** The `rules` object as JupyterLab draws it, with its list options as text lists. */
export function RulesField(props: FieldProps): JSX.Element {
  const { ObjectField } = props.registry.fields;
  const uiSchema: UiSchema = { ...(props.uiSchema ?? {}) };
  delete uiSchema['ui:field'];
  for (const [rule, ruleSchema] of Object.entries<any>(
    (props.schema.properties as Record<string, any>) ?? {}
  )) {
    const options = ruleSchema?.properties?.options?.properties ?? {};
    const listOptions: UiSchema = {};
    for (const [name, option] of Object.entries<any>(options)) {
      if (option?.type === 'array') {
        listOptions[name] = { 'ui:field': TextListField };
      }
    }
    if (Object.keys(listOptions).length > 0) {
      uiSchema[rule] = { ...(uiSchema[rule] ?? {}), options: listOptions };
    }
  }
  return <ObjectField {...props} uiSchema={uiSchema} />;
}
