-- Group policy: machine actions the group's users may not take (space-separated action keys, e.g.
-- "power-off reboot" for forensic machines). Group and higher administrators are not bound by it.
ALTER TABLE business_groups ADD COLUMN forbidden_actions VARCHAR(500) DEFAULT '' NOT NULL;
