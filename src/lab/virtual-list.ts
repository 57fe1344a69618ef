/**
 * A list that keeps only the lines in view in the DOM: every line has the
 * same height, so the line at a scroll offset is a division away, and 5,000
 * findings cost what 40 do. One line is selected; the list holds the focus
 * and names the selected line with `aria-activedescendant` (a listbox).
 */

/** Lines drawn above and below the visible ones, so fast scrolling shows no gaps. */
const OVERSCAN = 8;
/** Lines drawn when the list has no height yet (hidden, or a test's DOM). */
const UNMEASURED_LINES = 50;

export interface IVirtualListOptions<T> {
  className: string;
  /** The list's accessible name. */
  label: string;
  /** Pixels per line (the CSS gives lines this height). */
  lineHeight?: number;
  render(item: T, index: number): HTMLElement;
  /** Enter or double-click on a line. */
  activate(item: T, focusEditor: boolean): void;
  /** The selection changed (null: nothing selected). */
  select(item: T | null): void;
}

let lists = 0;

export class VirtualList<T> {
  readonly node: HTMLElement;
  readonly lineHeight: number;
  private readonly spacer: HTMLElement;
  private readonly message: HTMLElement;
  private readonly idPrefix: string;
  private items: readonly T[] = [];
  private selected = -1;
  private frame: number | null = null;
  private drawn: { first: number; last: number } = { first: 0, last: -1 };

  constructor(private readonly options: IVirtualListOptions<T>) {
    this.lineHeight = options.lineHeight ?? 24;
    this.idPrefix = `mldebt-line-${++lists}-`;
    this.node = document.createElement('div');
    this.node.className = options.className;
    this.node.tabIndex = 0;
    this.node.setAttribute('role', 'listbox');
    this.node.setAttribute('aria-label', options.label);
    this.node.style.setProperty(
      '--jp-mldebt-line-height',
      `${this.lineHeight}px`
    );
    this.spacer = document.createElement('div');
    this.spacer.className = `${options.className}-spacer`;
    this.message = document.createElement('div');
    this.message.className = 'jp-MldebtPanel-empty';
    this.message.hidden = true;
    this.node.append(this.message, this.spacer);
    this.node.addEventListener('scroll', this.onScroll, { passive: true });
    this.node.addEventListener('keydown', this.onKey);
    this.node.addEventListener('click', this.onClick);
    this.node.addEventListener('dblclick', this.onDoubleClick);
    // Focus by keyboard selects the first line; focus by a click selects the
    // line clicked.
    let pointing = false;
    this.node.addEventListener('pointerdown', () => (pointing = true));
    this.node.addEventListener('pointerup', () => (pointing = false));
    this.node.addEventListener('focus', () => {
      if (!pointing && this.selected < 0 && this.items.length) {
        this.select(this.firstSelectable());
      }
    });
  }

  get selectedIndex(): number {
    return this.selected;
  }

  get selectedItem(): T | null {
    return this.selected >= 0 ? (this.items[this.selected] ?? null) : null;
  }

  /** Lines in the DOM now (tests check it stays bounded). */
  get renderedCount(): number {
    return this.spacer.childElementCount;
  }

  /** New lines; `selected` is the index to select (null: none). */
  setItems(items: readonly T[], selected: number | null): void {
    this.items = items;
    this.selected =
      selected !== null && selected >= 0 && selected < items.length
        ? selected
        : -1;
    this.spacer.style.height = `${items.length * this.lineHeight}px`;
    this.draw(true);
    if (this.selected >= 0) {
      this.scrollIntoView(this.selected);
    }
    this.options.select(this.selectedItem);
  }

  /** A line of text instead of (or above) the lines: empty states. */
  setMessage(text: string | null, kind = ''): void {
    this.message.hidden = !text;
    this.message.textContent = text ?? '';
    this.message.dataset.kind = kind;
    this.message.classList.toggle('jp-MldebtPanel-clean', kind === 'clean');
  }

  /** Selects a line, scrolls it into view and tells the owner. */
  select(index: number): void {
    if (index < 0 || index >= this.items.length) {
      return;
    }
    this.selected = index;
    this.scrollIntoView(index);
    // Only the classes change: the lines stay the same nodes, so a click
    // that selects a line still lands on the line it pressed.
    this.markSelection();
    this.options.select(this.items[index]);
  }

  /** Re-draws the visible lines on the next frame (after a resize or show). */
  update(): void {
    this.schedule();
  }

  dispose(): void {
    if (this.frame !== null) {
      cancelAnimationFrame(this.frame);
    }
    this.node.removeEventListener('scroll', this.onScroll);
  }

  private firstSelectable(): number {
    return this.items.length ? 0 : -1;
  }

  private scrollIntoView(index: number): void {
    const height = this.node.clientHeight;
    if (!height) {
      return;
    }
    const top = index * this.lineHeight + this.spacer.offsetTop;
    const bottom = top + this.lineHeight;
    if (top < this.node.scrollTop) {
      this.node.scrollTop = top;
    } else if (bottom > this.node.scrollTop + height) {
      this.node.scrollTop = bottom - height;
    }
    this.draw(false);
  }

  private markSelection(): void {
    for (const line of this.spacer.children) {
      const on = Number((line as HTMLElement).dataset.index) === this.selected;
      line.classList.toggle('jp-mod-selected', on);
      line.setAttribute('aria-selected', String(on));
    }
    if (this.selected >= this.drawn.first && this.selected <= this.drawn.last) {
      this.node.setAttribute(
        'aria-activedescendant',
        this.idPrefix + this.selected
      );
    } else {
      this.node.removeAttribute('aria-activedescendant');
    }
  }

  private readonly onScroll = (): void => this.schedule();

  private schedule(): void {
    if (this.frame === null) {
      this.frame = requestAnimationFrame(() => {
        this.frame = null;
        this.draw(false);
      });
    }
  }

  /** Puts the lines in view (and a few around them) into the DOM. */
  private draw(force: boolean): void {
    const height = this.node.clientHeight;
    const h = this.lineHeight;
    let first: number;
    let last: number;
    if (height > 0) {
      const top = Math.max(0, this.node.scrollTop - this.spacer.offsetTop);
      first = Math.max(0, Math.floor(top / h) - OVERSCAN);
      last = Math.min(
        this.items.length - 1,
        Math.ceil((top + height) / h) + OVERSCAN
      );
    } else {
      first = Math.max(0, this.selected - UNMEASURED_LINES / 2);
      last = Math.min(this.items.length - 1, first + UNMEASURED_LINES - 1);
    }
    if (!force && first === this.drawn.first && last === this.drawn.last) {
      return;
    }
    this.drawn = { first, last };
    const focusedInside =
      document.activeElement !== this.node &&
      this.spacer.contains(document.activeElement);
    const lines = document.createDocumentFragment();
    for (let i = first; i <= last; i++) {
      const line = this.options.render(this.items[i], i);
      line.id = this.idPrefix + i;
      line.dataset.index = String(i);
      line.setAttribute('role', 'option');
      line.setAttribute('aria-selected', String(i === this.selected));
      line.setAttribute('aria-setsize', String(this.items.length));
      line.setAttribute('aria-posinset', String(i + 1));
      line.classList.toggle('jp-mod-selected', i === this.selected);
      line.style.top = `${i * h}px`;
      lines.appendChild(line);
    }
    this.spacer.replaceChildren(lines);
    if (this.selected >= first && this.selected <= last) {
      this.node.setAttribute(
        'aria-activedescendant',
        this.idPrefix + this.selected
      );
    } else {
      this.node.removeAttribute('aria-activedescendant');
    }
    if (focusedInside) {
      this.node.focus();
    }
  }

  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.target !== this.node || e.altKey || e.ctrlKey || e.metaKey) {
      return;
    }
    const n = this.items.length;
    if (!n) {
      return;
    }
    const page = Math.max(
      1,
      Math.floor(this.node.clientHeight / this.lineHeight) - 1
    );
    let next: number | null = null;
    switch (e.key) {
      case 'ArrowDown':
        next = Math.min(n - 1, this.selected + 1);
        break;
      case 'ArrowUp':
        next = Math.max(0, this.selected < 0 ? 0 : this.selected - 1);
        break;
      case 'PageDown':
        next = Math.min(n - 1, this.selected + page);
        break;
      case 'PageUp':
        next = Math.max(0, this.selected - page);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = n - 1;
        break;
      case 'Enter':
      case ' ':
        // Consumed: Enter moves the focus into the cell editor, and an
        // unconsumed key event would then type into it.
        e.preventDefault();
        e.stopPropagation();
        if (this.selectedItem !== null) {
          this.options.activate(this.selectedItem, true);
        }
        return;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
    this.select(next);
  };

  private lineOf(e: MouseEvent): number {
    const line = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
    return line && this.spacer.contains(line) ? Number(line.dataset.index) : -1;
  }

  private readonly onClick = (e: MouseEvent): void => {
    const i = this.lineOf(e);
    if (i >= 0) {
      this.select(i);
      this.options.activate(this.items[i], false);
    }
  };

  private readonly onDoubleClick = (e: MouseEvent): void => {
    const i = this.lineOf(e);
    if (i >= 0) {
      this.options.activate(this.items[i], true);
    }
  };
}
